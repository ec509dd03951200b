// `cache-prune`: the pruning the action does before it saves, for CI systems that save the
// cache themselves.
import { cachePrune } from '../../core/cache-prune.js';
import type { CommandContext } from '../command.js';
import { cliReporter } from '../reporter.js';

export async function cachePruneCommand({ parsed, io, planOptions, deps }: CommandContext): Promise<number> {
  const outcome = await cachePrune(planOptions, { ...(await deps()), reporter: cliReporter(io) });
  io.out(parsed.values.json ? `${JSON.stringify(outcome, null, 2)}\n` : `${outcome.message}\n`);
  return 0;
}
