// The CLI's one place that turns errors into messages and exit codes.
import { describeError, exitCodeFor } from '../core/errors.js';
import { parseCommandArgs, PLAN_OPTIONS, type OptionSpec, type Parsed } from './args.js';
import { BUILD_OPTIONS, buildCommand, buildHelp } from './commands/build.js';
import { CACHE_KEY_OPTIONS, cacheKeyCommand, cacheKeyHelp, cachePathsCommand, cachePathsHelp, cachePruneCommand, cachePruneHelp } from './commands/cache.js';
import { DOWN_OPTIONS, downCommand, downHelp } from './commands/down.js';
import { planCommand, planHelp } from './commands/plan.js';
import { UP_OPTIONS, upCommand, upHelp } from './commands/up.js';
import { verifyCommand, verifyHelp } from './commands/verify.js';
import type { CliIO } from './io.js';
import packageJson from '../../package.json' with { type: 'json' };

interface Command {
  readonly run: (parsed: Parsed, io: CliIO) => Promise<number>;
  readonly summary: string;
  readonly help: string;
  readonly options: Record<string, OptionSpec>;
  /** Whether unknown `--NAME` options are context flags (commands that resolve a plan). */
  readonly contextFlags: boolean;
}

const COMMANDS: Record<string, Command> = {
  plan: { run: planCommand, options: PLAN_OPTIONS, help: planHelp, contextFlags: true, summary: 'print what a run will do (resolved images, mirrors, Kind config, cache key)' },
  up: { run: upCommand, options: UP_OPTIONS, help: upHelp, contextFlags: true, summary: 'start the registries, preload the images, write containerd hosts, create the Kind cluster' },
  build: { run: buildCommand, options: BUILD_OPTIONS, help: buildHelp, contextFlags: true, summary: "run sew.yaml's builds and put the images into the preload registry" },
  down: { run: downCommand, options: DOWN_OPTIONS, help: downHelp, contextFlags: false, summary: 'delete the Kind cluster (keeps the registries and their data unless --purge)' },
  'cache-key': { run: cacheKeyCommand, options: CACHE_KEY_OPTIONS, help: cacheKeyHelp, contextFlags: true, summary: 'print (or --write) the cache key and restore-key prefixes, as the action uses them' },
  'cache-paths': { run: cachePathsCommand, options: PLAN_OPTIONS, help: cachePathsHelp, contextFlags: true, summary: 'print the directories to cache (the registry data)' },
  'cache-prune': { run: cachePruneCommand, options: PLAN_OPTIONS, help: cachePruneHelp, contextFlags: true, summary: 'stop the preload registry and remove the images the plan no longer preloads, before a cache save' },
  verify: { run: verifyCommand, options: PLAN_OPTIONS, help: verifyHelp, contextFlags: true, summary: 'check, offline, that every preloaded image is complete and matches its digests' },
};

/** Each command's options, for checking the CI templates against the CLI. */
export const COMMAND_OPTIONS: Record<string, object> = Object.fromEntries(Object.entries(COMMANDS).map(([name, c]) => [name, c.options]));

export const VERSION = packageJson.version;

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
    .join('\n');
  return `Usage: sew-ci <command> [options]\n\nCommands:\n${list}\n\nRun 'sew-ci <command> --help' for a command's options.\n`;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  const topic = name === 'help' && args.length === 1 ? COMMANDS[args[0]!] : undefined;
  if (topic) {
    io.out(`${topic.help}\n`);
    return 0;
  }
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(usage());
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.out(`sew-ci ${VERSION}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`sew-ci: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    const parsed = parseCommandArgs(args, command.options, command.contextFlags);
    if (parsed.values.help) {
      io.out(`${command.help}\n`);
      return 0;
    }
    return await command.run(parsed, io);
  } catch (err) {
    io.err(`sew-ci: ${describeError(err)}\n`);
    if (io.env.SEW_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
