// Values that end up in paths, commands and sockets: cluster names ($SEW_HOME/clusters/<name>.yaml,
// `kind --name`), flag names (sew--<flag>.yaml), ports. One check each, shared by the CLI, the
// action and the config schema, so a `../` never leaves the directory it is joined to.
import { InputError } from '../errors.js';

const CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const CLUSTER_NAME_RULE = 'must be a lowercase DNS label (a-z, 0-9, -)';

const FLAG_NAME = /^[a-z0-9][a-z0-9-]*$/;
export const FLAG_NAME_RULE = 'must be a flag name (a-z, 0-9, -)';

export function isClusterName(name: string): boolean {
  return CLUSTER_NAME.test(name);
}

export function isFlagName(name: string): boolean {
  return FLAG_NAME.test(name);
}

export function checkClusterName(name: string, where: string): string {
  if (!isClusterName(name)) throw new InputError(where, `"${name}" ${CLUSTER_NAME_RULE}`);
  return name;
}

export function checkFlagName(name: string, where: string): string {
  if (!isFlagName(name)) throw new InputError(where, `"${name}" ${FLAG_NAME_RULE}`);
  return name;
}

// A registry host as image references spell it: DNS labels or a bracketed IPv6 address,
// then an optional port. Case is left to the caller (references keep it to tell a host
// from a repository; every caller lowercases what it keeps).
const LABEL = '[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?';
const REGISTRY_HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);

/** `ghcr.io`, `localhost:5000`, `[::1]:5000`: the syntax only; see `hostPortProblem` for the port's range. */
export function isRegistryHost(host: string): boolean {
  return REGISTRY_HOST.test(host);
}

/** What is wrong with the port of a `host:port`, if anything. */
export function hostPortProblem(host: string): string | undefined {
  const port = /:([0-9]+)$/.exec(host)?.[1];
  return port === undefined || isPort(Number(port)) ? undefined : `port ${port} out of range (1-65535)`;
}

/** A TCP port; 0 only where the engine may pick one. */
export function isPort(value: number, allowZero = false): boolean {
  return Number.isInteger(value) && value >= (allowZero ? 0 : 1) && value <= 65535;
}

// Directories no run may take as its $SEW_HOME: `down --purge` deletes what a home holds, and
// the cache saves it. Any of these is shared with the system or with other users.
const SYSTEM_DIRS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib32', '/lib64', '/libx32', '/media', '/mnt', '/opt', '/proc',
  '/root', '/run', '/sbin', '/srv', '/sys', '/tmp', '/usr', '/usr/bin', '/usr/lib', '/usr/lib64', '/usr/local', '/usr/sbin', '/usr/share', '/var', '/var/lib', '/var/tmp',
]);

/** Refuses a $SEW_HOME that is not a directory of its own; both paths real (symlinks resolved), so a link to `/` is `/`. */
export function checkSewHome(realHome: string, realUserHome: string, shown: string): void {
  const reason = realHome === '/' ? 'the root directory' : realHome === realUserHome ? 'your home directory itself' : SYSTEM_DIRS.has(realHome) ? 'a system directory' : undefined;
  if (reason !== undefined) throw new InputError('$SEW_HOME', `${shown} is ${reason}; sew-ci owns and purges its home, so give it a directory of its own (such as ~/.sew)`);
}
