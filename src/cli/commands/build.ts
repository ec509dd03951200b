import { build } from '../../core/build/build.js';
import { defaultUpDeps } from '../../core/default-deps.js';
import { formatBytes } from '../../core/format.js';
import { planOptionsFrom, PLAN_OPTIONS, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter, table } from '../reporter.js';

export const buildHelp = `Usage: sew-ci build [NAME...] [plan options] [--skip-pre] [--json]

Runs the builds declared in sew.yaml's \`builds\` (all of them, or those NAMEd, in that order):
each build's \`pre\` commands in its \`dir\`, then \`docker build\` (skipped when there is no
Dockerfile: the pre commands make the image), then puts the image into the preload registry
so Kind nodes pull it by its own name. Output goes to $SEW_HOME/logs/build/NAME.log.
  --skip-pre   do not run the pre commands
Plan options are those of 'sew-ci plan'.`;

export const BUILD_OPTIONS = {
  ...PLAN_OPTIONS,
  'skip-pre': { type: 'boolean' },
} as const;

export async function buildCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const { values } = parsed;
  const deps = defaultUpDeps(cliReporter(io), io.env);
  const result = await build(
    { ...planOptionsFrom(parsed, io.cwd, io.env), names: parsed.positionals, ...(values['skip-pre'] === true && { skipPre: true }) },
    deps,
  );
  if (values.json) io.out(`${JSON.stringify({ registry: result.registry, builds: result.builds }, null, 2)}\n`);
  else {
    io.out(table([['BUILD', 'IMAGE', 'PUSHED', 'DIGEST'], ...result.builds.map((b) => [b.name, b.image, formatBytes(b.bytesCopied), b.digest])]));
    io.out(`${result.builds.length} build(s) in ${result.registry}\n`);
  }
  return 0;
}
