import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DigestMismatchError, verifyingStream } from '../../../src/core/oci/digest-stream.js';

const chunks = [Buffer.from('hello '), Buffer.from('layer '), Buffer.from('bytes')];
const whole = Buffer.concat(chunks);
const digestOf = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

function source(parts: readonly Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(out) {
      for (const part of parts) out.enqueue(part);
      out.close();
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for (const reader = stream.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

describe('verifyingStream', () => {
  it('passes matching content through unchanged and reports progress', async () => {
    const progress: number[] = [];
    const out = await collect(source(chunks).pipeThrough(verifyingStream({ digest: digestOf(whole), size: whole.length }, (n) => progress.push(n))));
    expect(out.equals(whole)).toBe(true);
    expect(progress).toEqual([6, 12, 17]);
  });

  it('passes an empty blob', async () => {
    const out = await collect(source([]).pipeThrough(verifyingStream({ digest: digestOf(Buffer.alloc(0)), size: 0 })));
    expect(out.length).toBe(0);
  });

  it.each([
    ['different content', [Buffer.from('hello layer bytez')], 'has content with digest sha256:'],
    ['fewer bytes', [Buffer.from('hello layer')], 'ended after 11 of its 17 bytes'],
    ['more bytes', [...chunks, Buffer.from('!')], 'is longer than its declared 17 bytes'],
  ])('fails on %s', async (_name, parts, message) => {
    const stream = source(parts).pipeThrough(verifyingStream({ digest: digestOf(whole), size: whole.length }));
    const failure = collect(stream);
    await expect(failure).rejects.toBeInstanceOf(DigestMismatchError);
    await expect(failure).rejects.toThrow(message);
  });

  it('withholds the last chunk until the digest is proven, so bad content never arrives whole', async () => {
    const tampered = [chunks[0]!, chunks[1]!, Buffer.from('bytez')];
    const reader = source(tampered).pipeThrough(verifyingStream({ digest: digestOf(whole), size: whole.length })).getReader();
    const delivered: string[] = [];
    const error = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        delivered.push(Buffer.from(value).toString());
      }
    })().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect(delivered).toEqual(['hello ', 'layer ']);
  });
});
