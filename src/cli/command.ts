// What a command is given and what it is: the parsed command line, where it writes, the plan
// options and the dependencies, built once by run.ts.
import type { Deps } from '../core/default-deps.js';
import type { CommandName } from '../core/options/options.js';
import type { OptionValues, RawValues } from '../core/options/values.js';
import type { PlanOptions } from '../core/plan.js';
import type { CliIO } from './io.js';

export interface CommandLine {
  readonly raw: RawValues;
  /** `--NAME` words that are no option: context flags. */
  readonly contextFlags: readonly string[];
  readonly positionals: readonly string[];
  readonly help: boolean;
}

/** A command line whose values are checked and typed. */
export interface Parsed extends CommandLine {
  readonly values: OptionValues;
}

export interface CommandContext {
  readonly parsed: Parsed;
  readonly io: CliIO;
  /** The options of a run, for the commands that resolve a plan. */
  readonly planOptions: PlanOptions;
  /** The real adapters; loaded by the commands that use them. */
  readonly deps: () => Promise<Deps>;
}

export type CommandRun = (context: CommandContext) => Promise<number>;

export interface CliCommand {
  readonly summary: string;
  readonly description: string;
  /** The words the command takes after its name, for help (none when absent: any is refused). */
  readonly operands?: string;
  /** Whether `--NAME` options no command declares are context flags (commands that resolve a plan). */
  readonly contextFlags: boolean;
  readonly load: () => Promise<CommandRun>;
}

export type CommandTable = Readonly<Record<CommandName, CliCommand>>;
