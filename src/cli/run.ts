// The CLI's one place that turns errors into messages and exit codes.
import { describeError, EXIT, exitCodeFor, InputError, UnknownContextFlagError } from '../core/errors.js';
import { COMMANDS, cliWhere, type CommandName } from '../core/options/options.js';
import { closest } from '../core/options/suggest.js';
import { parseCommandLine } from './args.js';
import type { CommandContext, CommandLine } from './command.js';
import type { Deps } from '../core/default-deps.js';
import { CLI_COMMANDS } from './commands.js';
import { commandHelp, usage } from './help.js';
import type { CliIO } from './io.js';
import packageJson from '../../package.json' with { type: 'json' };

export const VERSION = packageJson.version;

const HELP = ['help', '--help', '-h'];
const VERSION_WORDS = ['version', '--version', '-v'];

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  let line: CommandLine | undefined;
  let command: CommandName | undefined;
  try {
    const [first, ...rest] = argv;
    if (first === undefined || HELP.includes(first)) {
      if (rest.length > 1) throw new InputError('sew-ci help', `takes one command, not ${rest.length}`);
      io.out(rest[0] === undefined ? usage() : commandHelp(knownCommand(rest[0])));
      return EXIT.ok;
    }
    if (VERSION_WORDS.includes(first)) {
      if (rest.length) throw new InputError(`sew-ci ${first}`, `unexpected argument "${rest[0]}"`);
      io.out(`sew-ci ${VERSION}\n`);
      return EXIT.ok;
    }
    command = knownCommand(first);
    line = parseCommandLine(command, CLI_COMMANDS[command], rest);
    if (line.help) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    // Every value is checked before the command loads, let alone starts anything.
    const { checkValues } = await import('../core/options/values.js');
    const values = checkValues(line.raw, cliWhere);
    const run = await CLI_COMMANDS[command].load();
    return await run(await commandContext({ ...line, values }, io));
  } catch (err) {
    io.err(`sew-ci: ${message(err, command, line)}\n`);
    if (io.env.SEW_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}

async function commandContext(parsed: CommandContext['parsed'], io: CliIO): Promise<CommandContext> {
  const { planOptionsOf } = await import('../core/options/run-options.js');
  let deps: Promise<Deps> | undefined;
  return {
    parsed,
    io,
    planOptions: planOptionsOf(parsed.values, io.cwd, io.env, cliWhere, parsed.contextFlags),
    deps: () => (deps ??= import('../core/default-deps.js').then((m) => m.defaultDeps(io.env))),
  };
}

function knownCommand(word: string): CommandName {
  if ((COMMANDS as readonly string[]).includes(word)) return word as CommandName;
  const near = closest(word, COMMANDS);
  throw new InputError(`"${word}"`, `not a sew-ci command; ${near ? `did you mean "${near}"?` : "'sew-ci help' lists them"}`);
}

/** A `--NAME` the composition does not know was neither an option nor a context flag: say both. */
function message(err: unknown, command: CommandName | undefined, line: CommandLine | undefined): string {
  if (err instanceof UnknownContextFlagError && command && line?.contextFlags.includes(err.flag)) {
    return `--${err.flag}: not an option of sew-ci ${command} (see 'sew-ci help ${command}'), nor a context flag (${err.available.length ? `available: ${err.available.map((f) => `--${f}`).join(', ')}` : 'none is defined'})`;
  }
  return describeError(err);
}
