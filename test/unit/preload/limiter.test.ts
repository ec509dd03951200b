import { describe, expect, it } from 'vitest';
import { eachUntilFailure, limiter } from '../../../src/core/preload/limiter.js';

describe('limiter', () => {
  it('never runs more than its slots at once, and runs everything', async () => {
    const limit = limiter(3);
    let running = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((resolve) => setTimeout(resolve, i % 4));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees a slot when a task fails', async () => {
    const limit = limiter(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limit(async () => 'next')).toBe('next');
  });
});

describe('eachUntilFailure', () => {
  it('starts nothing after the first failure, and throws it once the running tasks settled', async () => {
    const started: number[] = [];
    let running = 0;
    const run = eachUntilFailure(Array.from({ length: 100 }, (_, i) => i), 4, async (i) => {
      started.push(i);
      running++;
      await new Promise((resolve) => setTimeout(resolve, 1));
      running--;
      if (i === 5) throw new Error(`lost at ${i}`);
    });
    await expect(run).rejects.toThrow('lost at 5');
    expect(running).toBe(0);
    expect(started.length).toBeLessThanOrEqual(9);
  });

  it('runs every item when none fails', async () => {
    const seen: number[] = [];
    await eachUntilFailure([1, 2, 3], 2, async (i) => void seen.push(i));
    expect(seen.sort()).toEqual([1, 2, 3]);
  });
});
