// Pruning the preload data to the plan's images, with its registry stopped: `cache-prune` for
// CI systems that save the cache themselves, and the first half of the action's save.
import type { CacheHandoff } from './cache/handoff.js';
import { describePrune, prunePreload, type PruneResult } from './cache/prune.js';
import type { SourceReader } from './config/sources.js';
import { parseReference } from './images/reference.js';
import { withHomeLock } from './lock.js';
import { resolvePlan, type PlanOptions } from './plan.js';
import type { Registries } from './ports/registries.js';
import type { Reporter } from './ports/reporter.js';

export interface CachePruneDeps {
  readonly reader: (options: PlanOptions) => SourceReader;
  readonly registries: Pick<Registries, 'stop'>;
  readonly reporter: Reporter;
}

/** What `cache-prune` did: a sentence for the person who ran it. */
export type CachePruneOutcome = { readonly pruned: false; readonly message: string } | { readonly pruned: true; readonly result: PruneResult; readonly message: string };

export async function cachePrune(options: PlanOptions, deps: CachePruneDeps): Promise<CachePruneOutcome> {
  const plan = await resolvePlan(options, deps.reader(options));
  if (!plan.needs.preloadImages) return { pruned: false, message: 'nothing to prune: the plan preloads nothing, so its data is not cached' };
  const result = await withHomeLock(plan.sewHome, deps.reporter, async () => {
    await deps.registries.stop(plan.home.id, [plan.preload.container]);
    return pruneTo(plan.preload);
  });
  return { pruned: true, result, message: describePrune(result) };
}

/** The preload data cut down to the refs: the registry serving it must be stopped. */
export function pruneTo(preload: NonNullable<CacheHandoff['preload']>): Promise<PruneResult> {
  return prunePreload(preload.data, preload.refs.map((r) => parseReference(r)));
}
