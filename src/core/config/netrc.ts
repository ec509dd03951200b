// Credentials for private context registries, from `$NETRC` or `~/.netrc`, as sew reads them.
// The npm parsers on offer are unmaintained and crash on `default` entries (netrc) or bring
// a process-spawning dependency for gpg (netrc-parser); the format is a few tokens.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Credentials } from '../oci/access.js';
import { homeDir } from '../paths.js';

export type HostCredentials = (host: string) => Credentials | undefined;

/** Looks the host up in the user's netrc file, read once and only if asked. */
export function netrcCredentials(env: NodeJS.ProcessEnv): HostCredentials {
  let machines: Map<string, Credentials> | undefined;
  return (host) => {
    machines ??= parseNetrc(readNetrc(env));
    return machines.get(host);
  };
}

function readNetrc(env: NodeJS.ProcessEnv): string {
  const path = env.NETRC || join(homeDir(env), '.netrc');
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** `machine NAME login USER password PASS`; `default` ends the machines; `macdef` bodies run to a blank line. */
export function parseNetrc(text: string): Map<string, Credentials> {
  const machines = new Map<string, Credentials>();
  const tokens = tokenize(text);
  let current: { host: string; login?: string; password?: string } | undefined;
  const flush = () => {
    if (current?.login !== undefined && current.password !== undefined && !machines.has(current.host)) {
      machines.set(current.host, { username: current.login, password: current.password });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token === 'default') break;
    const value = tokens[i + 1];
    if (token === 'machine' && value !== undefined) {
      flush();
      current = { host: value };
      i++;
    } else if ((token === 'login' || token === 'password' || token === 'account') && value !== undefined) {
      if (current && token !== 'account') current[token] = value;
      i++;
    }
  }
  flush();
  return machines;
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  let inMacro = false;
  for (const line of text.split(/\r?\n/)) {
    if (inMacro) {
      inMacro = line.trim() !== '';
      continue;
    }
    for (const word of line.split(/\s+/)) {
      if (word === '') continue;
      if (word.startsWith('#')) break;
      if (word === 'macdef') {
        inMacro = true;
        break;
      }
      tokens.push(word);
    }
  }
  return tokens;
}
