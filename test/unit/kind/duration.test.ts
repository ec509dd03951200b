// kind --wait takes Go durations: the same syntax as time.ParseDuration, negative refused.
import { describe, expect, it } from 'vitest';
import { goDurationMs } from '../../../src/core/kind/duration.js';

describe('Go durations', () => {
  it.each([
    ['60s', 60_000],
    ['5m', 300_000],
    ['1m30s', 90_000],
    ['1h2m3s', 3_723_000],
    ['1.5h', 5_400_000],
    ['.5s', 500],
    ['250ms', 250],
    ['1500us', 1.5],
    ['0', 0],
    ['0s', 0],
  ])('%s is %d ms', (text, ms) => {
    expect(goDurationMs(text)).toBeCloseTo(ms);
  });

  it.each(['', '10', '5 m', 'forever', '-5s', '+5s', '1d', 's', '1m30', '5M', '1.2.3s', '60s '])('%j is not one', (text) => {
    expect(goDurationMs(text)).toBeUndefined();
  });
});
