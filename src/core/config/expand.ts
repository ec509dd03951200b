// `${VAR}` in registry urls and credentials, expanded from the environment. Credentials
// are expanded only where they are used, so they never sit in a plan or its output.
import { InputError } from '../errors.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function expandVariables(text: string, env: NodeJS.ProcessEnv, where: string): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw new InputError(where, `environment variable ${name} is not set`);
    return value;
  });
}

export function hasVariables(text: string): boolean {
  return new RegExp(VARIABLE.source).test(text);
}
