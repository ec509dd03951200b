import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A leading `~` as a shell would expand it. The one place every path sew-ci is given goes
 * through (options, action inputs, SEW_HOME, paths in sew.yaml): CI systems hand values
 * over unexpanded (CircleCI's `environment:`, action inputs), so `~/.sew` arrives as is.
 */
export function expandHome(path: string, env: NodeJS.ProcessEnv): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return join(homeDir(env), path.slice(1));
}

/** The user's home: `$HOME` when set and not empty (as a shell sees it), else the account's. */
export function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** A path given by the user: `~` expanded, then resolved against `cwd`. */
export function userPath(path: string, cwd: string, env: NodeJS.ProcessEnv): string {
  return resolve(cwd, expandHome(path, env));
}

/** `$SEW_HOME`, as sew defines it: default `~/.sew`; a relative one is under `cwd`. */
export function sewHome(env: NodeJS.ProcessEnv, cwd: string, override?: string): string {
  const chosen = override ?? env.SEW_HOME;
  return chosen ? userPath(chosen, cwd, env) : defaultSewHome(env);
}

export function defaultSewHome(env: NodeJS.ProcessEnv): string {
  return join(homeDir(env), '.sew');
}

/** Where kind writes the cluster's context: the first KUBECONFIG entry, as kubectl reads it, else ~/.kube/config. */
export function kubeconfigPath(env: NodeJS.ProcessEnv): string {
  return env.KUBECONFIG?.split(':')[0] || join(homeDir(env), '.kube', 'config');
}
