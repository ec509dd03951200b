// The downloads port over fetch: release files are public, so no credentials are ever sent.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { RuntimeError } from '../errors.js';
import { displayUrl } from '../format.js';
import type { Downloads } from '../ports/downloads.js';

/** A checksum file is one line; more is not a checksum. */
const MAX_TEXT = 64 * 1024;

export const fetchDownloads: Downloads = {
  async text(url) {
    const response = await get(url);
    const text = await response.text();
    if (text.length > MAX_TEXT) throw new RuntimeError(`${displayUrl(url)}: ${text.length} bytes, too long for a checksum file`);
    return text;
  },
  async file(url, path) {
    const response = await get(url);
    let bytes = 0;
    const counted = Readable.fromWeb(response.body! as import('node:stream/web').ReadableStream<Uint8Array>).on('data', (chunk: Buffer) => (bytes += chunk.length));
    await pipeline(counted, createWriteStream(path, { mode: 0o755 }));
    return bytes;
  },
};

async function get(url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(300_000) });
  } catch (err) {
    throw new RuntimeError(`cannot download ${displayUrl(url)}: ${(err as Error).cause instanceof Error ? ((err as Error).cause as Error).message : (err as Error).message}`);
  }
  if (!response.ok || !response.body) throw new RuntimeError(`cannot download ${displayUrl(url)}: HTTP ${response.status}`);
  return response;
}
