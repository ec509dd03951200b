// `build`: plan -> the builds asked for -> preload registry -> run them. Kind nodes wired by
// `up` pull the images by their own names from the preload registry.
import type { SourceReader } from './config/sources.js';
import { withHomeLock } from './lock.js';
import { resolvePlan, type Plan, type PlanOptions } from './plan.js';
import type { Registries } from './ports/registries.js';
import { announcePreloadRegistry } from './up.js';
import type { Builder, BuildReport } from './ports/builder.js';
import type { Reporter } from './ports/reporter.js';
import { readyToRun, selectBuilds } from './build/plan.js';

export interface BuildOptions extends PlanOptions {
  /** Build names, in the order to run them; all declared builds when empty. */
  readonly names: readonly string[];
  readonly skipPre?: boolean;
  readonly lockWaitMs?: number;
}

export interface BuildDeps {
  readonly registries: Pick<Registries, 'startPreload'>;
  readonly builder: Builder;
  readonly reporter: Reporter;
  readonly reader: (options: PlanOptions) => SourceReader;
}

export interface BuildResult {
  readonly plan: Plan;
  readonly registry: string;
  readonly builds: readonly BuildReport[];
}

export async function build(options: BuildOptions, deps: BuildDeps): Promise<BuildResult> {
  const plan = await resolvePlan(options, deps.reader(options));
  for (const warning of plan.warnings) deps.reporter.warn(warning);
  const selected = await readyToRun(selectBuilds(plan.builds, options.names, 'sew-ci build'), options.env);
  return withHomeLock(
    plan.sewHome,
    deps.reporter,
    async () => {
      const registry = await announcePreloadRegistry(deps.registries.startPreload(plan, (m) => deps.reporter.info(m)), deps.reporter);
      const builds = await deps.builder.run(selected, { root: plan.preload.data, logDir: plan.buildLogs, ...(options.skipPre && { skipPre: true }) }, deps.reporter);
      return { plan, registry: registry.url, builds };
    },
    options.lockWaitMs,
  );
}
