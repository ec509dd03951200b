// The builds `up --build` and `build` run, as they see them.
import type { BuildPlan } from '../build/plan.js';
import type { Reporter } from './reporter.js';

export interface BuildTarget {
  /** The preload storage the images are written into. */
  readonly root: string;
  /** One log file per build goes here. */
  readonly logDir: string;
  /** Skip the builds' `pre` commands. */
  readonly skipPre?: boolean;
}

export interface Builder {
  /** Runs `builds`, as `readyToRun` returned them, one after another; a failing build throws. */
  run(builds: readonly BuildPlan[], target: BuildTarget, reporter: Reporter): Promise<BuildReport[]>;
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
