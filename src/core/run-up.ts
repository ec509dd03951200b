// The `up` command as one use case, for the CLI and the action alike: resolve the plan, lock
// the home, restore the cache, run the plan's effects, verify what was preloaded. The adapters
// only turn options in and the outcome out.
import type { CacheHandoff } from './cache/handoff.js';
import type { CacheStore } from './cache/store.js';
import { registryCredentials } from './config/registries.js';
import type { SourceReader } from './config/sources.js';
import { restorePlanCache } from './cache-restore.js';
import { withHomeLock } from './lock.js';
import { resolvePlan, type Plan, type PlanFacts, type PlanOptions } from './plan.js';
import type { Reporter } from './ports/reporter.js';
import { timed, type PhaseTiming } from './report.js';
import { up, type UpPorts, type UpResult } from './up.js';
import { verifyPlanPreload, type ImageCheck } from './verify/offline.js';

export interface RunUpOptions {
  readonly plan: PlanOptions;
  /** After the effects, check every preloaded image offline. */
  readonly verify?: boolean;
  /** Restore the registry data before the effects; absent where the CI system restores it itself. */
  readonly cache?: {
    readonly store: CacheStore;
    /** The user's key prefix. */
    readonly prefix: string;
    /** Told what the save needs as soon as the restore is done: a run that fails later still saves what it fetched. */
    readonly keep: (handoff: CacheHandoff) => void;
  };
  /**
   * Told what the plan decided, before the first effect: what a caller reports (the action's
   * outputs, what its post step cleans up) even when the run then fails or is killed.
   */
  readonly planned?: (plan: Plan) => void;
  /** Told why the run failed, before the error is thrown on: the phase and what ran. */
  readonly failed?: (failure: RunFailure) => void;
}

export interface RunFailure {
  readonly error: unknown;
  /** The phase that threw, innermost first; undefined when no phase was running. */
  readonly phase?: string;
  readonly timings: readonly PhaseTiming[];
  readonly cache?: CacheHandoff;
}

export interface RunUpDeps extends UpPorts {
  readonly reader: (options: PlanOptions) => SourceReader;
  /** What planning reads from the machine (kind's default node image); none in tests that plan alone. */
  readonly facts?: PlanFacts;
}

export interface UpOutcome {
  readonly result: UpResult;
  readonly timings: readonly PhaseTiming[];
  readonly cache?: CacheHandoff;
  readonly checks?: readonly ImageCheck[];
  /** Preloaded images `verify` found incomplete. */
  readonly incomplete: readonly ImageCheck[];
}

export async function runUp(options: RunUpOptions, deps: RunUpDeps): Promise<UpOutcome> {
  const { reporter, timings, quietly } = timed(deps.reporter);
  const plan = await quietly('Resolve sew.yaml', () => resolvePlan(options.plan, deps.reader(options.plan), deps.facts));
  for (const warning of plan.warnings) reporter.warn(warning);
  maskCredentials(plan, options.plan.env, reporter);
  options.planned?.(plan);
  let cache: CacheHandoff | undefined;
  try {
    return await withHomeLock(plan.sewHome, reporter, async () => {
      const wanted = options.cache;
      cache = wanted && (await reporter.phase('Restore cache', () => restorePlanCache(plan, wanted.store, wanted.prefix, reporter)));
      if (wanted && cache) wanted.keep(cache);
      const result = await up(plan, { ...deps, reporter });
      const checks = options.verify ? await reporter.phase('Verify preloaded images', () => verifyPlanPreload(plan)) : undefined;
      return { result, timings, ...(cache && { cache }), ...(checks && { checks }), incomplete: checks?.filter((c) => !c.ok) ?? [] };
    });
  } catch (error) {
    const phase = timings.find((t) => t.failed)?.name;
    options.failed?.({ error, timings, ...(phase !== undefined && { phase }), ...(cache && { cache }) });
    throw error;
  }
}

/** Any credential the run may use is masked before anything could print it. */
function maskCredentials(plan: Plan, env: NodeJS.ProcessEnv, reporter: Reporter): void {
  if (!reporter.secret) return;
  for (const endpoint of Object.values(plan.registries)) {
    const credentials = registryCredentials(endpoint, env);
    if (credentials?.password) reporter.secret(credentials.password);
  }
}
