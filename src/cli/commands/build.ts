import { build } from '../../core/build.js';
import { defaultUpDeps } from '../../core/default-deps.js';
import { formatBytes } from '../../core/format.js';
import { planOptionsOf } from '../../core/options/run-options.js';
import type { Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter, table } from '../reporter.js';

export async function buildCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const { values } = parsed;
  const deps = { ...defaultUpDeps(io.env), reporter: cliReporter(io) };
  const result = await build(
    { ...planOptionsOf(values, io.cwd, io.env, parsed.contextFlags), names: [...parsed.positionals], ...(values['skip-pre'] && { skipPre: true }) },
    deps,
  );
  if (values.json) io.out(`${JSON.stringify({ registry: result.registry, builds: result.builds }, null, 2)}\n`);
  else {
    io.out(table([['BUILD', 'IMAGE', 'PUSHED', 'DIGEST'], ...result.builds.map((b) => [b.name, b.image, formatBytes(b.bytesCopied), b.digest])]));
    io.out(`${result.builds.length} build(s) in ${result.registry}\n`);
  }
  return 0;
}
