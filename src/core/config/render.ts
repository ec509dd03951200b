// Every sew file is a Go text/template: rendered with its variables before it is parsed.
// The template functions are supplied here and nowhere else, so what a file may reach
// (today the environment the plan was given) is decided in one place.
import { InputError } from '../errors.js';
import { hasTemplateActions, renderTemplate, type TemplateFunctions } from './template/index.js';

export function templateFunctions(env: NodeJS.ProcessEnv): TemplateFunctions {
  return {
    env: (...args: unknown[]) => {
      const [name] = args;
      if (typeof name !== 'string') throw new Error('env takes the name of a variable');
      return env[name] ?? '';
    },
  };
}

/** `text` rendered with `vars`; errors name `name:line`. */
export function renderFile(name: string, text: string, vars: Readonly<Record<string, string>>, env: NodeJS.ProcessEnv): string {
  if (!hasTemplateActions(text)) return text;
  try {
    return renderTemplate(text, { ...vars }, { file: name, funcs: templateFunctions(env) });
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(name, `template: ${(err as Error).message}`);
  }
}
