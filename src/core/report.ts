// Phase timings around a reporter.
import type { Reporter } from './ports/reporter.js';

export interface PhaseTiming {
  readonly name: string;
  readonly ms: number;
  /** The phase ended by throwing: what a failed run's report names. */
  readonly failed?: true;
}

export interface Timed {
  /** Records every phase's duration in `timings`. */
  readonly reporter: Reporter;
  readonly timings: PhaseTiming[];
  /** Times `work` without announcing it: bad input must be the only line a user sees. */
  quietly<T>(name: string, work: () => Promise<T>): Promise<T>;
}

export function timed(inner: Reporter): Timed {
  const timings: PhaseTiming[] = [];
  const record = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    let failed = true;
    try {
      const result = await work();
      failed = false;
      return result;
    } finally {
      timings.push({ name, ms: Math.round(performance.now() - start), ...(failed && { failed: true as const }) });
    }
  };
  return {
    timings,
    reporter: { ...inner, phase: (name, work) => record(name, () => inner.phase(name, work)) },
    quietly: record,
  };
}
