// The CLI's one place that turns errors into messages and exit codes.
import { describeError, exitCodeFor } from '../core/errors.js';
import { PLAN_OPTIONS } from './args.js';
import { CACHE_KEY_OPTIONS, cacheKeyCommand, cachePathsCommand } from './commands/cache.js';
import { DOWN_OPTIONS, downCommand } from './commands/down.js';
import { planCommand } from './commands/plan.js';
import { UP_OPTIONS, upCommand } from './commands/up.js';
import { verifyCommand } from './commands/verify.js';
import type { CliIO } from './io.js';

type Command = (args: readonly string[], io: CliIO) => Promise<number>;

const COMMANDS: Record<string, { run: Command; summary: string; options: object }> = {
  plan: { run: planCommand, options: PLAN_OPTIONS, summary: 'print what a run will do (resolved images, mirrors, Kind config, cache key)' },
  up: { run: upCommand, options: UP_OPTIONS, summary: 'start the registries, preload the images, write containerd hosts, create the Kind cluster' },
  down: { run: downCommand, options: DOWN_OPTIONS, summary: 'delete the Kind cluster (keeps the registries and their data unless --purge)' },
  'cache-key': { run: cacheKeyCommand, options: CACHE_KEY_OPTIONS, summary: 'print (or --write) the cache key and restore-key prefixes, as the action uses them' },
  'cache-paths': { run: cachePathsCommand, options: PLAN_OPTIONS, summary: 'print the directories to cache (the registry data)' },
  verify: { run: verifyCommand, options: PLAN_OPTIONS, summary: 'check, offline, that every preloaded image is complete and matches its digests' },
};

/** Each command's options, for checking the CI templates against the CLI. */
export const COMMAND_OPTIONS: Record<string, object> = Object.fromEntries(Object.entries(COMMANDS).map(([name, c]) => [name, c.options]));

export const VERSION = '0.1.0';

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length)) + 2;
  const list = Object.entries(COMMANDS)
    .map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`)
    .join('\n');
  return `Usage: sew-ci <command> [options]\n\nCommands:\n${list}\n\nRun 'sew-ci <command> --help' for a command's options.\n`;
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
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
    return await command.run(args, io);
  } catch (err) {
    io.err(`sew-ci: ${describeError(err)}\n`);
    if (io.env.SEW_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}\n`);
    return exitCodeFor(err);
  }
}
