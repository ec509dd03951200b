import type { Reporter } from '../../src/core/ports/reporter.js';

/** A reporter that says nothing, for tests that check results rather than output. */
export const silentReporter: Reporter = {
  phase: (_name, work) => work(),
  info: () => undefined,
  warn: () => undefined,
};
