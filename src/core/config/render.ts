// Every sew file is a Go text/template: rendered with its variables before it is parsed.
// The template functions are supplied here and nowhere else, so what a file may reach
// (the environment, through the reader its layer's trust allows: trust.ts) is decided in
// one place.
import { InputError } from '../errors.js';
import { hasTemplateActions, renderTemplate, type TemplateFunctions } from './template/index.js';

export type EnvReader = (name: string) => string;

function templateFunctions(env: EnvReader): TemplateFunctions {
  return {
    env: (...args: unknown[]) => {
      const [name] = args;
      if (typeof name !== 'string') throw new Error('env takes the name of a variable');
      return env(name);
    },
  };
}

/** `text` rendered with `vars`; errors name `name:line`. `onRead` is told each variable the template reads. */
export function renderFile(name: string, text: string, vars: Readonly<Record<string, string>>, env: EnvReader, onRead?: (variable: string) => void): string {
  if (!hasTemplateActions(text)) return text;
  const data = { ...vars };
  const watched = onRead === undefined ? data : new Proxy(data, { get: (target, key) => (typeof key === 'string' && Object.hasOwn(target, key) && onRead(key), Reflect.get(target, key)) });
  try {
    return renderTemplate(text, watched, { file: name, funcs: templateFunctions(env) });
  } catch (err) {
    // Anything else is a bug of the engine, not the user's input: it keeps its own exit code.
    if (err instanceof InputError) throw new InputError(err.where, clip(err.message.slice(err.where.length + 2)));
    throw err;
  }
}

/** Template errors may quote the source: a line of it at most, never a whole file. */
const MAX_MESSAGE = 200;

function clip(message: string): string {
  const line = message.split('\n')[0]!;
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}...` : line;
}
