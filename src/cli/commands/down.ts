import { down } from '../../core/down.js';
import { sewHome } from '../../core/paths.js';
import type { CommandContext } from '../command.js';
import { cliReporter } from '../reporter.js';

const CLUSTER_OUTCOME = {
  deleted: 'deleted',
  absent: 'not found',
  'no-kind': 'not checked (kind is not installed)',
} as const;

export async function downCommand({ parsed, io, deps }: CommandContext): Promise<number> {
  const v = parsed.values;
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v['sew-home']), env: io.env, ...(v.name !== undefined && { name: v.name }), purge: v.purge === true }, { ...(await deps()), reporter: cliReporter(io) });
  if (v.json) {
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  io.out(`cluster ${result.name}: ${CLUSTER_OUTCOME[result.cluster]}\n`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)\n`);
  return 0;
}
