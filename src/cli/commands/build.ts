import { build } from '../../core/build.js';
import { formatBytes } from '../../core/format.js';
import type { CommandContext } from '../command.js';
import { cliReporter, table } from '../reporter.js';

export async function buildCommand({ parsed, io, planOptions, deps }: CommandContext): Promise<number> {
  const { values } = parsed;
  const result = await build({ ...planOptions, names: [...parsed.positionals], ...(values['skip-pre'] && { skipPre: true }) }, { ...(await deps()), reporter: cliReporter(io) });
  if (values.json) io.out(`${JSON.stringify({ registry: result.registry, builds: result.builds }, null, 2)}\n`);
  else {
    io.out(table([['BUILD', 'IMAGE', 'PUSHED', 'DIGEST'], ...result.builds.map((b) => [b.name, b.image, formatBytes(b.bytesCopied), b.digest])]));
    io.out(`${result.builds.length} build(s) in ${result.registry}\n`);
  }
  return 0;
}
