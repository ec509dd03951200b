import { describe, expect, it } from 'vitest';
import { readTar } from '../../../src/core/daemon/tar-reader.js';
import { RuntimeError } from '../../../src/core/errors.js';
import { tar } from '../../support/oci-images.js';

function chunked(bytes: Buffer, size: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(out) {
      if (offset >= bytes.length) return out.close();
      out.enqueue(bytes.subarray(offset, offset + size));
      offset += size;
    },
  });
}

async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts).toString();
    parts.push(value);
  }
}

const pax = (records: Record<string, string>): Buffer =>
  Buffer.from(
    Object.entries(records)
      .map(([key, value]) => {
        const body = ` ${key}=${value}\n`;
        let length = body.length + 1;
        while (`${length}${body}`.length !== length) length++;
        return `${length}${body}`;
      })
      .join(''),
  );

const longName = `deep/${'d'.repeat(120)}/file.txt`;
const archive = tar([
  { name: 'dir/', content: Buffer.alloc(0), type: '5' },
  { name: 'dir/a.txt', content: Buffer.from('alpha') },
  { name: 'link', content: Buffer.alloc(0), type: '2' },
  { name: 'b.bin', content: Buffer.alloc(1500, 7) },
  { name: 'c.txt', prefix: 'prefixed/path', content: Buffer.from('charlie') },
  { name: 'PaxHeaders/x', content: pax({ path: longName }), type: 'x' },
  { name: 'truncated-name', content: Buffer.from('delta') },
  { name: '././@LongLink', content: Buffer.from('gnu/long/name.txt\0'), type: 'L' },
  { name: 'gnu/long/na', content: Buffer.from('echo') },
  { name: './manifest.json', content: Buffer.from('[]') },
]);

describe('readTar', () => {
  it.each([1, 7, 511, 512, 513, 100_000])('reads every entry whatever the chunk size (%i)', async (size) => {
    const seen: [string, string, number, string | undefined][] = [];
    for await (const entry of readTar(chunked(archive, size))) {
      // Leave b.bin unread: the reader must skip it by itself.
      const body = entry.path === 'b.bin' ? undefined : await text(entry.body);
      seen.push([entry.path, entry.type, entry.size, body]);
    }
    expect(seen).toEqual([
      ['dir/', 'directory', 0, ''],
      ['dir/a.txt', 'file', 5, 'alpha'],
      ['link', 'symlink', 0, ''],
      ['b.bin', 'file', 1500, undefined],
      ['prefixed/path/c.txt', 'file', 7, 'charlie'],
      [longName, 'file', 5, 'delta'],
      ['gnu/long/name.txt', 'file', 4, 'echo'],
      ['manifest.json', 'file', 2, '[]'],
    ]);
  });

  it('refuses a truncated archive', async () => {
    const cut = archive.subarray(0, 512 + 2);
    await expect(async () => {
      for await (const entry of readTar(chunked(cut, 100))) await text(entry.body);
    }).rejects.toThrow(RuntimeError);
  });

  it('refuses something that is not a tar', async () => {
    const notTar = Buffer.alloc(1024, 0x41);
    await expect(async () => {
      for await (const _ of readTar(chunked(notTar, 512))) void _;
    }).rejects.toThrow('bad header checksum');
  });

  it('ends cleanly on an empty archive', async () => {
    const entries: string[] = [];
    for await (const entry of readTar(chunked(Buffer.alloc(1024), 512))) entries.push(entry.path);
    expect(entries).toEqual([]);
  });
});
