import { describe, expect, it } from 'vitest';
import { readCapped } from '../../../src/core/streams/capped.js';

/** A stream of `chunks`, recording whether the reader cancelled it. */
function streamOf(chunks: number[]): { body: ReadableStream<Uint8Array>; cancelled: () => boolean; pulled: () => number } {
  let cancelled = false;
  let next = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(out) {
        if (next === chunks.length) return out.close();
        out.enqueue(new Uint8Array(chunks[next++]!).fill(0x61));
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { body, cancelled: () => cancelled, pulled: () => next };
}

describe('readCapped', () => {
  it.each([
    ['empty', [], 10, 0],
    ['under the cap', [3, 4], 10, 7],
    ['exactly the cap', [5, 5], 10, 10],
    ['one byte over', [5, 6], 10, undefined],
    ['over in the first chunk', [11, 1, 1], 10, undefined],
  ])('%s', async (_, chunks, max, expected) => {
    const stream = streamOf(chunks);
    const read = await readCapped(stream.body, max);
    expect(read?.length).toBe(expected);
    expect(stream.cancelled()).toBe(expected === undefined);
  });

  it('stops reading as soon as the cap is passed', async () => {
    const stream = streamOf([8, 8, 8, 8]);
    expect(await readCapped(stream.body, 10)).toBeUndefined();
    expect(stream.pulled()).toBe(2);
  });

  it('reads no body as empty', async () => {
    expect(await readCapped(null, 10)).toEqual(Buffer.alloc(0));
  });

  it('returns the bytes in order', async () => {
    const body = new Blob(['ab', 'cd']).stream();
    expect((await readCapped(body, 4))?.toString()).toBe('abcd');
  });
});
