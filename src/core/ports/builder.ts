// The builds `--build` runs, as `up` sees them.
import type { Plan } from '../plan.js';
import type { Reporter } from './reporter.js';

export interface Builder {
  /** Runs the plan's builds into the preload storage; a failing build throws. */
  run(plan: Plan, reporter: Reporter): Promise<BuildReport[]>;
}

export interface BuildReport {
  readonly name: string;
  readonly image: string;
  /** The manifest digest the preload registry serves under the image's tag. */
  readonly digest: string;
  readonly bytesCopied: number;
  /** `docker build`, or `pre` alone when there is no Dockerfile. */
  readonly how: 'docker build' | 'pre';
  readonly log: string;
  readonly ms: number;
}
