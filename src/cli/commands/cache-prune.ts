// `cache-prune`: the pruning the action does before it saves, for CI systems that save the
// cache themselves.
import { prunePreload } from '../../core/cache/prune.js';
import { stopRegistries } from '../../core/containers/stop.js';
import { defaultUpDeps } from '../../core/default-deps.js';
import { formatBytes } from '../../core/format.js';
import { parseReference } from '../../core/images/reference.js';
import { withHomeLock } from '../../core/lock.js';
import { planOptionsOf } from '../../core/options/run-options.js';
import { resolvePlan } from '../../core/plan.js';
import type { Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter } from '../reporter.js';

export async function cachePruneCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const plan = await resolvePlan(planOptionsOf(parsed.values, io.cwd, io.env, parsed.contextFlags));
  if (!plan.needs.preloadImages) {
    io.out('nothing to prune: the plan preloads nothing, so its data is not cached\n');
    return 0;
  }
  const deps = defaultUpDeps(io.env);
  const result = await withHomeLock(plan.sewHome, cliReporter(io), async () => {
    await stopRegistries(await deps.docker(), plan.home.id, [plan.preload.container]);
    return prunePreload(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
  });
  io.out(
    result.pruned
      ? `removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads\n`
      : `kept everything: ${result.reason}\n`,
  );
  return 0;
}
