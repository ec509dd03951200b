// The command line, read by the options table (core/options): each option spelled as declared,
// mistakes named with the closest option, and any other `--NAME` a context flag for the
// commands that resolve a plan (checked against the composition later). Values are checked
// by core/options/values.ts, loaded only once a command runs.
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import { cliName, cliOptions, COMMANDS, declaration, negated, optionsOf, type CommandName, type OptionName } from '../core/options/options.js';
import { closest } from '../core/options/suggest.js';
import type { CliCommand, CommandLine } from './command.js';

const FLAG_WORD = /^[a-z0-9][a-z0-9-]*$/;

/** `spec` is the command's entry in the command table: whether it takes operands and context flags. */
export function parseCommandLine(command: CommandName, spec: Pick<CliCommand, 'operands' | 'contextFlags'>, args: readonly string[]): CommandLine {
  const names = optionsOf(command);
  const byCliName = new Map(names.map((name) => [cliName(name), name]));
  const config = Object.fromEntries(names.map((name) => [cliName(name), { type: declaration(name).value === 'boolean' ? 'boolean' : 'string' } as const]));
  const { tokens } = parseArgs({ args: [...args], options: { ...config, help: { type: 'boolean', short: 'h' } }, strict: false, allowPositionals: true, tokens: true });
  const raw: Partial<Record<OptionName, string[] | boolean>> = {};
  const contextFlags: string[] = [];
  const positionals: string[] = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === 'positional') {
      if (spec.operands === undefined) throw unexpectedArgument(command, token.value);
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    if (token.name === 'help') {
      help = true;
      continue;
    }
    const name = byCliName.get(token.name);
    if (name === undefined) {
      if (spec.contextFlags && isContextFlag(command, token.rawName, token.value)) contextFlags.push(token.name);
      else throw unknownOption(command, spec.contextFlags, token.rawName);
      continue;
    }
    if (declaration(name).value === 'boolean') {
      if (token.value !== undefined) throw new InputError(token.rawName, 'takes no value');
      raw[name] = !negated(name);
    } else {
      if (token.value === undefined || token.value === '') throw new InputError(token.rawName, 'needs a value');
      raw[name] = [...((raw[name] as string[] | undefined) ?? []), token.value];
    }
  }
  return { raw, contextFlags, positionals, help };
}

/** An unknown `--name` is a context flag unless it looks like a mistyped or misplaced option. */
function isContextFlag(command: CommandName, rawName: string, value: string | undefined): boolean {
  const name = rawName.slice(2);
  return rawName.startsWith('--') && value === undefined && FLAG_WORD.test(name) && !otherCommandsWith(name).length && closestOption(command, name) === undefined;
}

function unknownOption(command: CommandName, contextFlags: boolean, rawName: string): InputError {
  const name = rawName.replace(/^--?/, '');
  const elsewhere = otherCommandsWith(name);
  if (rawName.startsWith('--') && elsewhere.length) return new InputError(rawName, `not an option of sew-ci ${command} (it is one of ${elsewhere.map((c) => `sew-ci ${c}`).join(', ')})`);
  const near = closestOption(command, name);
  if (near !== undefined) {
    const asFlag = contextFlags && FLAG_WORD.test(name) ? ` (a context flag by that name: --flag ${name})` : '';
    return new InputError(rawName, `unknown option; did you mean --${near}?${asFlag}`);
  }
  return new InputError(rawName, `unknown option; see 'sew-ci help ${command}'`);
}

function unexpectedArgument(command: CommandName, word: string): InputError {
  const hint = word === 'help' ? `; did you mean 'sew-ci help ${command}'?` : `; sew-ci ${command} takes options only (see 'sew-ci help ${command}')`;
  return new InputError(command, `unexpected argument "${word}"${hint}`);
}

function closestOption(command: CommandName, name: string): string | undefined {
  return closest(name, [...cliOptions(command), 'help']);
}

function otherCommandsWith(cli: string): CommandName[] {
  return COMMANDS.filter((c) => cliOptions(c).includes(cli));
}
