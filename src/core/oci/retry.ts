// Transient upstream failures retried: 429, 502, 503, 504 and dropped connections. Public
// registries shed load with exactly these, and a CI job that fails on the first one fails
// often. Bounded in attempts and in total wait so a registry that stays down still fails the
// image within a minute, and a Retry-After we will not honour fails at once, saying so.
// Hand-written: the retry libraries wrap a function call, while a blob resumes mid-stream
// (client.ts) and shares one budget with the request that opened it.

import { setTimeout as sleep } from 'node:timers/promises';
import { discard, TransportError, type Reply, type ReplyHeaders } from './http.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  readonly attempts: number;
  /** Longest total wait across the retries of one request (Retry-After included). */
  readonly totalWaitMs: number;
  /** The first backoff; it doubles per retry and is jittered. */
  readonly baseDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, totalWaitMs: 60_000, baseDelayMs: 1_000 };

const TRANSIENT_STATUSES = new Set([429, 502, 503, 504]);
/** Docker Hub's registry and token hosts: their 429 is the pull rate limit. */
const DOCKER_HUB_HOSTS = new Set(['registry-1.docker.io', 'docker.io', 'index.docker.io', 'auth.docker.io']);

export type Outcome = { readonly status: number; readonly headers: ReplyHeaders } | { readonly error: TransportError };

export type Decision =
  | { readonly retry: true; readonly delayMs: number }
  /** `gaveUp` says why a transient failure ends here; undefined when the failure is not transient. */
  | { readonly retry: false; readonly gaveUp?: string };

export interface RetryState {
  /** Attempts made so far, the failed one included. */
  readonly attempts: number;
  readonly waitedMs: number;
}

function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUSES.has(status);
}

/** Whether another attempt follows `outcome`, and after how long. Pure: the clock and the dice are arguments. */
export function decide(outcome: Outcome, state: RetryState, policy: RetryPolicy, host: string, now: number, random: number): Decision {
  if ('error' in outcome ? !outcome.error.transient : !isTransientStatus(outcome.status)) return { retry: false };
  const headers = 'status' in outcome ? outcome.headers : undefined;
  const label = 'status' in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
  const retryAfter = headers === undefined ? undefined : retryAfterMs(headers.get('retry-after'), now);
  const remaining = remainingPulls(headers);
  const rateLimited = 'status' in outcome && outcome.status === 429 && (DOCKER_HUB_HOSTS.has(host) || remaining !== undefined);
  const giveUp = (why: string): Decision => ({
    retry: false,
    gaveUp: rateLimited ? `Docker Hub rate limit reached (${label}, ${why}); log in or use a mirror` : `${label}, ${why}`,
  });
  // The pull allowance is spent and nobody said when it comes back: waiting cannot help.
  if (rateLimited && remaining === 0 && retryAfter === undefined) return giveUp('ratelimit-remaining 0');
  const left = policy.totalWaitMs - state.waitedMs;
  if (retryAfter !== undefined && retryAfter > left) {
    return giveUp(`asked to retry after ${Math.ceil(retryAfter / 1000)} s, beyond the ${policy.totalWaitMs / 1000} s a request may wait`);
  }
  if (state.attempts >= policy.attempts || left <= 0) return giveUp(`still failing after ${state.attempts} attempts`);
  // Equal jitter: never less than half the backoff, so retries spread without bunching at zero.
  const backoff = policy.baseDelayMs * 2 ** (state.attempts - 1) * (0.5 + random / 2);
  return { retry: true, delayMs: Math.round(Math.min(retryAfter ?? backoff, left)) };
}

/** Retry-After as seconds or an HTTP date (RFC 9110 10.2.3); undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse alone would read `-5` as a year.
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Docker Hub's `ratelimit-remaining: 0;w=21600`: pulls left in the window. */
function remainingPulls(headers: ReplyHeaders | undefined): number | undefined {
  const match = /^\s*(\d+)/.exec(headers?.get('ratelimit-remaining') ?? '');
  return match === null ? undefined : Number(match[1]);
}

/** What a client shares among its requests: the policy, the run's interrupt, and a log told once per host. */
export class Retrier {
  private readonly logged = new Set<string>();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly signal: AbortSignal | undefined,
    private readonly log: ((message: string) => void) | undefined,
  ) {}

  /** A fresh budget for one request to `host` (and for any resumption of its body). */
  budget(host: string): RetryBudget {
    return new RetryBudget(host, this.policy, this.signal, (message) => {
      if (this.logged.has(host)) return;
      this.logged.add(host);
      this.log?.(`${message} (later retries on this host go unlogged)`);
    });
  }
}

export class RetryBudget {
  private attempts = 1;
  private waitedMs = 0;

  constructor(
    private readonly host: string,
    private readonly policy: RetryPolicy,
    private readonly signal: AbortSignal | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** Runs `exchange` until it answers something other than a transient failure. */
  async send(exchange: () => Promise<Reply>): Promise<Reply> {
    for (;;) {
      let outcome: Outcome;
      try {
        const reply = await exchange();
        if (!isTransientStatus(reply.status)) return reply;
        await discard(reply);
        outcome = reply;
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        outcome = { error: err };
      }
      await this.wait(outcome);
    }
  }

  /** Before reopening a body that broke midway: waits, or throws as `send` would have. */
  resume(error: TransportError): Promise<void> {
    return this.wait({ error });
  }

  /**
   * Waits out a transient failure before the next attempt. Throws the failure itself when it
   * is not transient, a TransportError saying why when the budget is spent, and the signal's
   * reason as soon as the run is interrupted.
   */
  private async wait(outcome: Outcome): Promise<void> {
    const decision = decide(outcome, { attempts: this.attempts, waitedMs: this.waitedMs }, this.policy, this.host, Date.now(), Math.random());
    const label = 'status' in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
    if (!decision.retry) {
      if (decision.gaveUp === undefined && 'error' in outcome) throw outcome.error;
      throw new TransportError(decision.gaveUp ?? label, 'error' in outcome ? { cause: outcome.error } : undefined);
    }
    this.log(`${this.host}: ${label}; retrying in ${(decision.delayMs / 1000).toFixed(1)} s, attempt ${this.attempts + 1} of ${this.policy.attempts}`);
    this.signal?.throwIfAborted();
    try {
      await sleep(decision.delayMs, undefined, this.signal === undefined ? undefined : { signal: this.signal });
    } catch (err) {
      this.signal?.throwIfAborted();
      throw err;
    }
    this.attempts++;
    this.waitedMs += decision.delayMs;
  }
}
