// Every action input, read once and checked by the options table the CLI uses too; the rest
// of the action sees only the typed values.
import { inputOptions, inputWhere, declaration } from '../core/options/options.js';
import { checkValues, type OptionValues, type RawValues } from '../core/options/values.js';

export type ReadInput = (name: string) => string;

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
const words = (text: string) => lines(text).flatMap((l) => l.split(/[\s,]+/)).filter(Boolean);

/** An empty input is an input not given: the option's default applies. */
export function readInputs(read: ReadInput): OptionValues {
  const raw: RawValues = {};
  for (const name of inputOptions()) {
    const text = read(name);
    const { repeat } = declaration(name);
    const given = repeat === 'lines' ? lines(text) : repeat === 'words' ? words(text) : text.trim() ? [text.trim()] : [];
    if (given.length) raw[name] = given;
  }
  return checkValues(raw, inputWhere);
}
