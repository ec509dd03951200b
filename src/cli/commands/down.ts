import { sewHome } from '../../core/paths.js';
import type { Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter } from '../reporter.js';

export const downHelp = `Usage: sew-ci down [--name NAME] [--purge] [--sew-home DIR]

Deletes the Kind cluster (default: the one cluster sew-ci knows of, else "sew"). The preload
and mirror registries and their data stay, as the cache of the next run, unless --purge.`;

export const DOWN_OPTIONS = {
  name: { type: 'string' },
  purge: { type: 'boolean' },
  'sew-home': { type: 'string' },
} as const;

export async function downCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const v = parsed.values;
  // The Docker client loads only once a command needs it.
  const [{ down }, { defaultUpDeps }] = await Promise.all([import('../../core/down.js'), import('../../core/default-deps.js')]);
  const deps = defaultUpDeps(cliReporter(io), io.env);
  const result = await down(
    {
      sewHome: sewHome(io.env, typeof v['sew-home'] === 'string' ? v['sew-home'] : undefined),
      ...(typeof v.name === 'string' && { name: v.name }),
      purge: v.purge === true,
    },
    deps,
  );
  io.out(`cluster ${result.name}: ${result.clusterDeleted ? 'deleted' : 'not found'}\n`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)\n`);
  return 0;
}
