import type { CliIO } from './io.js';

/**
 * Ctrl-C or a cancelled CI job stops at once. Nothing is left half-visible: blobs are
 * committed only once verified, manifests only after their blobs, files by rename; the
 * lock on $SEW_HOME is released on exit. The next run completes what this one began.
 */
export function exitOnSignals(io: Pick<CliIO, 'err'>): void {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      io.err(`\nsew-ci: interrupted by ${signal}; the next run completes what this one began\n`);
      process.exit(code);
    });
  }
}
