import { exitCodeFor, InterruptedError } from '../core/errors.js';
import type { CliIO } from './io.js';

/**
 * Ctrl-C or a cancelled CI job stops at once. Nothing is left half-visible: blobs are
 * committed only once verified, manifests only after their blobs, files by rename; the
 * lock on $SEW_HOME is released on exit. The next run completes what this one began.
 */
export function exitOnSignals(io: Pick<CliIO, 'err'>): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      const interrupted = new InterruptedError(signal);
      io.err(`\nsew-ci: ${interrupted.message}; the next run completes what this one began\n`);
      process.exit(exitCodeFor(interrupted));
    });
  }
}
