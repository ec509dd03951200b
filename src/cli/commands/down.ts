import { down } from '../../core/down.js';
import { sewHome } from '../../core/paths.js';
import type { CommandContext } from '../command.js';
import { cliReporter } from '../reporter.js';

export async function downCommand({ parsed, io, deps }: CommandContext): Promise<number> {
  const v = parsed.values;
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v['sew-home']), env: io.env, ...(v.name !== undefined && { name: v.name }), purge: v.purge === true }, { ...(await deps()), reporter: cliReporter(io) });
  io.out(`cluster ${result.name}: ${result.clusterDeleted ? 'deleted' : 'not found'}\n`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)\n`);
  return 0;
}
