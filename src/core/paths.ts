import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** `$SEW_HOME`, as sew defines it: default `~/.sew`. */
export function sewHome(env: NodeJS.ProcessEnv, override?: string): string {
  const chosen = override ?? env.SEW_HOME;
  return chosen ? resolve(chosen) : defaultSewHome(env);
}

export function defaultSewHome(env: NodeJS.ProcessEnv): string {
  return join(env.HOME || homedir(), '.sew');
}

/** The platform Kind nodes run on: the host's. */
export function hostPlatform(arch: string = process.arch): string {
  const map: Record<string, string> = { x64: 'linux/amd64', arm64: 'linux/arm64', arm: 'linux/arm/v7', ppc64: 'linux/ppc64le', s390x: 'linux/s390x' };
  return map[arch] ?? `linux/${arch}`;
}
