// `sew-ci help` and `sew-ci help CMD`, written from the command and options tables.
import { cliName, COMMANDS, declaration, optionsOf, type CommandName } from '../core/options/options.js';
import { CLI_COMMANDS } from './commands.js';

const WIDTH = 100;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.length)) + 2;
  const list = COMMANDS.map((name) => `  ${name.padEnd(width)}${CLI_COMMANDS[name].summary}`).join('\n');
  return `Usage: sew-ci <command> [options]\n\nCommands:\n${list}\n\nRun 'sew-ci help <command>' for a command's options; -v prints the version.\n`;
}

export function commandHelp(command: CommandName): string {
  const { description, operands, contextFlags } = CLI_COMMANDS[command];
  const rows = optionsOf(command).map((name) => {
    const { arg, repeat, default: fallback, value, description, cliDescription } = declaration(name);
    const text = cliDescription ?? description;
    const left = `--${cliName(name)}${arg ? ` ${arg}` : ''}`;
    const notes = [repeat && 'repeatable', value !== 'boolean' && fallback !== undefined && `default ${fallback}`].filter(Boolean);
    return [left, notes.length ? `${text.replace(/\.$/, '')}; ${notes.join('; ')}.` : text] as const;
  });
  if (contextFlags) rows.push(['--NAME', 'Activate the context flag NAME, as --flag NAME does.']);
  rows.push(['-h, --help', 'Print this help.']);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const options = rows.map(([left, text]) => `  ${left.padEnd(width)}${wrap(text, WIDTH - width - 2).join(`\n${' '.repeat(width + 2)}`)}`);
  return `Usage: sew-ci ${command}${operands ? ` ${operands}` : ''} [options]\n\n${description}\n\nOptions:\n${options.join('\n')}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}
