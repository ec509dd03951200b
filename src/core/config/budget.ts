// What one resolution may cost, whatever the registry serves: a number of files, a number of
// bytes and a time. Each file is read once (then memoised), so the budget counts distinct
// files; the time bound also cancels any fetch in flight, as an interrupt does.
import { InterruptedError, InputError, RuntimeError } from '../errors.js';

export interface ResolutionLimits {
  readonly files: number;
  readonly bytes: number;
  readonly ms: number;
}

const DEFAULT_RESOLUTION_LIMITS: ResolutionLimits = { files: 500, bytes: 16 * 1024 * 1024, ms: 60_000 };

export class Budget {
  /** Aborted when the time is up or the caller's signal fires: pass it to every fetch. */
  readonly signal: AbortSignal;
  private files = 0;
  private bytes = 0;

  constructor(
    private readonly limits: ResolutionLimits = DEFAULT_RESOLUTION_LIMITS,
    private readonly interrupt?: AbortSignal,
  ) {
    const timeout = AbortSignal.timeout(limits.ms);
    this.signal = interrupt ? AbortSignal.any([timeout, interrupt]) : timeout;
  }

  /** Counts one file read at `where` of `size` bytes; throws once a bound is passed. */
  charge(where: string, size: number): void {
    this.check();
    this.files += 1;
    this.bytes += size;
    if (this.files > this.limits.files) throw new InputError(where, `the composition reads more than ${this.limits.files} files (resolution budget)`);
    if (this.bytes > this.limits.bytes) throw new InputError(where, `the composition reads more than ${this.limits.bytes} bytes (resolution budget)`);
  }

  /** Throws when the run was interrupted or the time is up. */
  check(): void {
    if (!this.signal.aborted) return;
    if (this.interrupt?.aborted) throw new InterruptedError(typeof this.interrupt.reason === 'string' ? this.interrupt.reason : 'signal');
    throw new RuntimeError(`resolving the configuration took more than ${this.limits.ms / 1000} s (resolution budget)`);
  }
}
