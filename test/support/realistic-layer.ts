// Image content that compresses like real images do (2-4x): text lines interleaved with
// random base64, in many files. All-random bytes would make the daemon paths look far
// faster than they are, all-text far slower.
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { blob, sha256, tar, type Layer } from './oci-images.js';

const gzipAsync = promisify(gzip);
const WORDS = ['alpha', 'config', 'daemon', 'lib', 'usr', 'share', 'locale', 'python', 'module', 'import', 'return', 'value', 'static', 'const'];

/** About `bytes` of text lines with random base64 in them: compresses 2-4x, like image files. */
export function fileContent(bytes: number): Buffer {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const text = Array.from({ length: 8 }, (_, i) => WORDS[(size + i * 7) % WORDS.length]).join(' ');
    const noise = randomBytes(18).toString('base64');
    const line = `${text} ${noise}\n`;
    lines.push(line);
    size += line.length;
  }
  return Buffer.from(lines.join(''));
}

/** A gzip tar layer of about `megabytes` MB uncompressed, in files of ~256 KB. */
export async function generatedLayer(seed: string, megabytes: number): Promise<Layer & { uncompressed: number }> {
  const entries: { name: string; content: Buffer }[] = [];
  const perFile = 256 * 1024;
  for (let i = 0; i * perFile < megabytes * 1024 * 1024; i++) entries.push({ name: `opt/${seed}/file-${i}.txt`, content: fileContent(perFile) });
  const tarBytes = tar(entries);
  const gz = await gzipAsync(tarBytes, { level: 6 });
  return { ...blob(gz), diffId: sha256(tarBytes), uncompressed: tarBytes.length };
}
