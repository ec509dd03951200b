// `${VAR}` in registry urls and credentials, expanded from the environment. Credentials
// are expanded only where they are used, so they never sit in a plan or its output.
// Build paths also take sew's bare `$VAR` (sew expands them with Go's os.ExpandEnv).
import { InputError } from '../errors.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const VARIABLE_OR_BARE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

export function expandVariables(text: string, env: NodeJS.ProcessEnv, where: string, options: { bare?: boolean } = {}): string {
  return text.replace(options.bare ? VARIABLE_OR_BARE : VARIABLE, (_, braced: string | undefined, bare: string | undefined) => {
    const name = (braced ?? bare)!;
    const value = env[name];
    if (value === undefined) throw new InputError(where, `environment variable ${name} is not set`);
    return value;
  });
}

export function hasVariables(text: string): boolean {
  return new RegExp(VARIABLE.source).test(text);
}
