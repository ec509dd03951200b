import { describe, expect, it } from 'vitest';
import { TransportError, type Reply } from '../../../src/core/oci/http.js';
import { decide, retryAfterMs, Retrier, type Outcome, type RetryPolicy } from '../../../src/core/oci/retry.js';

const policy: RetryPolicy = { attempts: 5, totalWaitMs: 60_000, baseDelayMs: 1_000 };
const NOW = Date.parse('2026-01-01T00:00:00Z');
const status = (code: number, headers: Record<string, string> = {}): Outcome => ({ status: code, headers: new Headers(headers) });
const error = (message: string, transient: boolean): Outcome => ({ error: new TransportError(message, undefined, transient) });

describe('decide', () => {
  it.each<[string, Outcome, { attempts: number; waitedMs: number }, string, number, ReturnType<typeof decide>]>([
    ['429 with Retry-After seconds', status(429, { 'retry-after': '7' }), { attempts: 1, waitedMs: 0 }, 'ghcr.io', 0.5, { retry: true, delayMs: 7_000 }],
    ['503 with a Retry-After date', status(503, { 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), { attempts: 1, waitedMs: 0 }, 'quay.io', 0.5, { retry: true, delayMs: 3_000 }],
    ['502, first backoff, least jitter', status(502), { attempts: 1, waitedMs: 0 }, 'quay.io', 0, { retry: true, delayMs: 500 }],
    ['504, third backoff, most jitter', status(504), { attempts: 3, waitedMs: 1_500 }, 'quay.io', 1, { retry: true, delayMs: 4_000 }],
    ['backoff clipped to the wait left', status(503), { attempts: 4, waitedMs: 58_000 }, 'quay.io', 1, { retry: true, delayMs: 2_000 }],
    ['connection reset', error('connection reset', true), { attempts: 2, waitedMs: 1_000 }, 'quay.io', 0.5, { retry: true, delayMs: 1_500 }],
    ['500 is not transient', status(500), { attempts: 1, waitedMs: 0 }, 'quay.io', 0.5, { retry: false }],
    ['404 is not transient', status(404), { attempts: 1, waitedMs: 0 }, 'quay.io', 0.5, { retry: false }],
    ['connection refused is not transient', error('connection refused', false), { attempts: 1, waitedMs: 0 }, 'quay.io', 0.5, { retry: false }],
    ['attempts spent', status(503), { attempts: 5, waitedMs: 10_000 }, 'quay.io', 0.5, { retry: false, gaveUp: 'HTTP 503, still failing after 5 attempts' }],
    ['resets spent', error('connection closed', true), { attempts: 5, waitedMs: 10_000 }, 'quay.io', 0.5, { retry: false, gaveUp: 'connection closed, still failing after 5 attempts' }],
    ['wait spent', status(503), { attempts: 2, waitedMs: 60_000 }, 'quay.io', 0.5, { retry: false, gaveUp: 'HTTP 503, still failing after 2 attempts' }],
    [
      'Retry-After beyond the wait left',
      status(503, { 'retry-after': '30' }),
      { attempts: 2, waitedMs: 40_000 },
      'quay.io',
      0.5,
      { retry: false, gaveUp: 'HTTP 503, asked to retry after 30 s, beyond the 60 s a request may wait' },
    ],
    [
      'Docker Hub 429, attempts spent',
      status(429),
      { attempts: 5, waitedMs: 10_000 },
      'registry-1.docker.io',
      0.5,
      { retry: false, gaveUp: 'Docker Hub rate limit reached (HTTP 429, still failing after 5 attempts); log in or use a mirror' },
    ],
    [
      'ratelimit-remaining 0 anywhere, no Retry-After',
      status(429, { 'ratelimit-remaining': '0;w=21600' }),
      { attempts: 1, waitedMs: 0 },
      'mirror.example',
      0.5,
      { retry: false, gaveUp: 'Docker Hub rate limit reached (HTTP 429, ratelimit-remaining 0); log in or use a mirror' },
    ],
    ['ratelimit-remaining 0 with a short Retry-After', status(429, { 'ratelimit-remaining': '0', 'retry-after': '2' }), { attempts: 1, waitedMs: 0 }, 'docker.io', 0.5, { retry: true, delayMs: 2_000 }],
    ['a 503 with ratelimit-remaining 0 is an outage, not the limit', status(503, { 'ratelimit-remaining': '0' }), { attempts: 1, waitedMs: 0 }, 'docker.io', 0, { retry: true, delayMs: 500 }],
    ['Docker Hub 429 still within budget', status(429), { attempts: 1, waitedMs: 0 }, 'registry-1.docker.io', 0.5, { retry: true, delayMs: 750 }],
  ])('%s', (_name, outcome, state, host, random, expected) => {
    expect(decide(outcome, state, policy, host, NOW, random)).toEqual(expected);
  });
});

describe('retryAfterMs', () => {
  it.each<[string | null, number | undefined]>([
    [null, undefined],
    ['0', 0],
    [' 120 ', 120_000],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    ['-5', undefined],
  ])('%s -> %s', (value, expected) => {
    expect(retryAfterMs(value, NOW)).toBe(expected);
  });
});

describe('RetryBudget', () => {
  const fast: RetryPolicy = { attempts: 3, totalWaitMs: 60_000, baseDelayMs: 1 };
  const reply = (code: number, headers: Record<string, string> = {}): Reply => ({ status: code, headers: new Headers(headers), body: null });

  /** Answers `script` in turn, recording how many exchanges ran. */
  function scripted(script: (Reply | TransportError)[]): { exchange: () => Promise<Reply>; count: () => number } {
    let i = 0;
    return {
      exchange: async () => {
        const next = script[Math.min(i++, script.length - 1)]!;
        if (next instanceof TransportError) throw next;
        return next;
      },
      count: () => i,
    };
  }

  it('answers the first reply that is not transient, logging the first retry per host only', async () => {
    const log: string[] = [];
    const retrier = new Retrier(fast, undefined, (message) => log.push(message));
    const first = scripted([reply(503), new TransportError('connection reset', undefined, true), reply(200)]);
    expect((await retrier.budget('a.example').send(first.exchange)).status).toBe(200);
    expect(first.count()).toBe(3);
    await retrier.budget('a.example').send(scripted([reply(502), reply(404)]).exchange);
    await retrier.budget('b.example').send(scripted([reply(429), reply(200)]).exchange);
    expect(log.map((m) => m.replace(/[\d.]+ s/, 'N s'))).toEqual([
      'a.example: HTTP 503; retrying in N s, attempt 2 of 3 (later retries on this host go unlogged)',
      'b.example: HTTP 429; retrying in N s, attempt 2 of 3 (later retries on this host go unlogged)',
    ]);
  });

  it('gives up after its attempts, naming the last failure', async () => {
    const always = scripted([reply(503)]);
    await expect(new Retrier(fast, undefined, undefined).budget('a.example').send(always.exchange)).rejects.toThrow(
      new TransportError('HTTP 503, still failing after 3 attempts'),
    );
    expect(always.count()).toBe(3);
  });

  it('rethrows a failure that is not transient at once', async () => {
    const refused = new TransportError('connection refused');
    const once = scripted([refused]);
    await expect(new Retrier(fast, undefined, undefined).budget('a.example').send(once.exchange)).rejects.toBe(refused);
    expect(once.count()).toBe(1);
  });

  // The test's own timeout (5 s) is far below the 50 s asked for: only an interrupted wait passes.
  it('stops waiting as soon as the signal aborts, with its reason', { timeout: 5_000 }, async () => {
    const controller = new AbortController();
    const budget = new Retrier(policy, controller.signal, undefined).budget('a.example');
    const waiting = budget.send(scripted([reply(503, { 'retry-after': '50' }), reply(200)]).exchange);
    setTimeout(() => controller.abort(new Error('interrupted by SIGTERM')), 20);
    await expect(waiting).rejects.toThrow('interrupted by SIGTERM');
  });
});
