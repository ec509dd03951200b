import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * A leading `~` as a shell would expand it. The one place every path sew-ci is given goes
 * through (options, action inputs, SEW_HOME, paths in sew.yaml): CI systems hand values
 * over unexpanded (CircleCI's `environment:`, action inputs), so `~/.sew` arrives as is.
 */
export function expandHome(path: string, env: NodeJS.ProcessEnv = process.env): string {
  if (path !== '~' && !path.startsWith('~/')) return path;
  return join(env.HOME || homedir(), path.slice(1));
}

/** A path given by the user: `~` expanded, then resolved against `cwd`. */
export function userPath(path: string, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(cwd, expandHome(path, env));
}

/** `$SEW_HOME`, as sew defines it: default `~/.sew`. */
export function sewHome(env: NodeJS.ProcessEnv, override?: string): string {
  const chosen = override ?? env.SEW_HOME;
  return chosen ? userPath(chosen, process.cwd(), env) : defaultSewHome(env);
}

export function defaultSewHome(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || homedir(), '.sew');
}

/** Where kind writes the cluster's context: the first KUBECONFIG entry, as kubectl reads it, else ~/.kube/config. */
export function kubeconfigPath(env: NodeJS.ProcessEnv): string {
  return env.KUBECONFIG?.split(':')[0] || join(env.HOME || homedir(), '.kube', 'config');
}

/** The platform Kind nodes run on: the host's. */
export function hostPlatform(arch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'linux/amd64', arm64: 'linux/arm64', arm: 'linux/arm/v7', ppc64: 'linux/ppc64le', s390x: 'linux/s390x' };
  return map[arch] ?? `linux/${arch}`;
}
