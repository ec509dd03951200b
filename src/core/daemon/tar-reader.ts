// A streaming reader for the tar archives `docker save` writes (ustar, with PAX or GNU long
// names). Entries are yielded one at a time with their body as a stream; nothing is held in
// memory beyond one 512-byte header and whatever chunk is in flight.
import { RuntimeError } from '../errors.js';

export interface TarEntry {
  readonly path: string;
  /** `file`, `directory`, `symlink`, ... — only files have meaningful bodies here. */
  readonly type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  readonly size: number;
  /** Read it or leave it: whatever is left unread is skipped before the next entry. */
  readonly body: ReadableStream<Uint8Array>;
}


const BLOCK = 512;

export async function* readTar(input: ReadableStream<Uint8Array>): AsyncGenerator<TarEntry> {
  const bytes = new ByteReader(input.getReader());
  let longPath: string | undefined;
  let paxPath: string | undefined;
  let paxSize: number | undefined;
  try {
    for (;;) {
      const header = await bytes.exactly(BLOCK);
      if (header === undefined || header.every((b) => b === 0)) return;
      verifyChecksum(header);
      const typeflag = String.fromCharCode(header[156]!);
      const size = paxSize ?? parseNumber(header.subarray(124, 136));
      if (typeflag === 'x' || typeflag === 'L' || typeflag === 'g') {
        const data = await bytes.exactly(size);
        if (data === undefined) throw new RuntimeError('archive ends inside an extended header');
        await bytes.skip(padding(size));
        if (typeflag === 'L') longPath = cString(data);
        if (typeflag === 'x') {
          const records = parsePax(data);
          paxPath = records.get('path') ?? paxPath;
          const sizeRecord = records.get('size');
          if (sizeRecord !== undefined) paxSize = Number(sizeRecord);
        }
        continue;
      }
      const prefix = cString(header.subarray(345, 500));
      const name = cString(header.subarray(0, 100));
      const path = paxPath ?? longPath ?? (prefix !== '' && header.subarray(257, 262).toString() === 'ustar' ? `${prefix}/${name}` : name);
      longPath = paxPath = paxSize = undefined;

      const body = bytes.slice(size);
      yield { path: path.replace(/^\.\//, ''), type: entryType(typeflag), size, body: body.stream };
      await body.finish();
      await bytes.skip(padding(size));
    }
  } finally {
    await bytes.cancel();
  }
}

function entryType(flag: string): TarEntry['type'] {
  switch (flag) {
    case '0':
    case '\0':
    case '7':
      return 'file';
    case '5':
      return 'directory';
    case '2':
      return 'symlink';
    case '1':
      return 'link';
    default:
      return 'other';
  }
}

function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

/** Octal, or GNU base-256 for sizes of 8 GiB and more. */
function parseNumber(field: Buffer): number {
  if ((field[0]! & 0x80) !== 0) {
    let value = field[0]! & 0x7f;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i]!;
    return value;
  }
  const text = cString(field).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

function verifyChecksum(header: Buffer): void {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i]!;
  if (sum !== stored) throw new RuntimeError('not a tar archive (bad header checksum)');
}

/** PAX records: "<length> <key>=<value>\n", length counting the whole record. */
function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number(data.subarray(pos, space).toString());
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, pos + length - 1).toString('utf8');
    const eq = record.indexOf('=');
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}

/** Buffers just enough of a byte stream to cut it at exact offsets. */
class ByteReader {
  private pending: Uint8Array = new Uint8Array(0);
  private ended = false;

  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  /** The next `n` bytes, or undefined at a clean end of input. */
  async exactly(n: number): Promise<Buffer | undefined> {
    const parts: Uint8Array[] = [];
    let have = 0;
    while (have < n) {
      const chunk = await this.next(n - have);
      if (chunk === undefined) {
        if (have === 0) return undefined;
        throw new RuntimeError('archive is truncated');
      }
      parts.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(parts);
  }

  async skip(n: number): Promise<void> {
    for (let left = n; left > 0; ) {
      const chunk = await this.next(left);
      if (chunk === undefined) throw new RuntimeError('archive is truncated');
      left -= chunk.length;
    }
  }

  /** The next `size` bytes as a stream, and a way to skip what its reader left. */
  slice(size: number): { stream: ReadableStream<Uint8Array>; finish: () => Promise<void> } {
    let left = size;
    const stream = new ReadableStream<Uint8Array>(
      {
        pull: async (out) => {
          if (left === 0) return out.close();
          const chunk = await this.next(left);
          if (chunk === undefined) throw new RuntimeError('archive is truncated');
          left -= chunk.length;
          out.enqueue(chunk);
          if (left === 0) out.close();
        },
      },
      { highWaterMark: 0 },
    );
    return { stream, finish: () => this.skip(left).then(() => void (left = 0)) };
  }

  async cancel(): Promise<void> {
    if (!this.ended) await this.reader.cancel().catch(() => {});
  }

  /** Up to `max` bytes; undefined at end of input. */
  private async next(max: number): Promise<Uint8Array | undefined> {
    if (this.pending.length === 0) {
      if (this.ended) return undefined;
      const { done, value } = await this.reader.read();
      if (done) {
        this.ended = true;
        return undefined;
      }
      this.pending = value;
    }
    const chunk = this.pending.subarray(0, max);
    this.pending = this.pending.subarray(chunk.length);
    return chunk;
  }
}
