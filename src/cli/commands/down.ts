import { defaultUpDeps } from '../../core/default-deps.js';
import { down } from '../../core/down.js';
import { sewHome } from '../../core/paths.js';
import type { Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter } from '../reporter.js';

export async function downCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const v = parsed.values;
  const deps = { ...defaultUpDeps(io.env), reporter: cliReporter(io) };
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v['sew-home']), env: io.env, ...(v.name !== undefined && { name: v.name }), purge: v.purge === true }, deps);
  io.out(`cluster ${result.name}: ${result.clusterDeleted ? 'deleted' : 'not found'}\n`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)\n`);
  return 0;
}
