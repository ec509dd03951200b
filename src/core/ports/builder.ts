// The builds `--build` runs, as `up` sees them.
import type { BuildReport } from '../build/run.js';
import type { Plan } from '../plan.js';
import type { Reporter } from './reporter.js';

export interface Builder {
  /** Runs the plan's builds into the preload storage; a failing build throws. */
  run(plan: Plan, reporter: Reporter): Promise<BuildReport[]>;
}
