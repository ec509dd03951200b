// The registry you push to (KSail's local registry): `docker push localhost:5050/app` on the
// host, `image: localhost:5050/app` in pods. Or, with `external`, an existing registry such
// as GHCR as the push target.
import { join } from 'node:path';
import { InputError } from '../errors.js';
import type { Located } from '../config/layer.js';
import type { LocalInput } from '../config/schema.js';
import type { HomeIdentity } from '../home/identity.js';
import { localContainerName, localRegistryPort, REGISTRY_PORT } from '../home/names.js';
import { hostPortProblem, isRegistryHost } from '../input/checks.js';

export type LocalPlan =
  | {
      readonly kind: 'container';
      readonly container: string;
      readonly port: number;
      /** A port the home picked, not the user: another free one will do when it is taken. */
      readonly portMayMove: boolean;
      readonly host: string;
      /** Where images are pushed: the host, as nodes and this machine both name it. */
      readonly pushTarget: string;
      readonly data: string;
      readonly cache: boolean;
    }
  | { readonly kind: 'external'; readonly host: string; readonly pushTarget: string; readonly cache: false };

export type LocalContainer = Extract<LocalPlan, { kind: 'container' }>;

export function planLocal(
  input: Located<LocalInput> | undefined,
  sewHome: { path: string; identity: HomeIdentity },
  overrides: { enable?: boolean; cache?: boolean } = {},
): LocalPlan | null {
  if (!input && !overrides.enable) return null;
  const value = input?.value ?? {};
  if (value.external !== undefined) return { kind: 'external', ...parseExternal(value.external, input?.where ?? 'images.local.external'), cache: false };
  const port = value.port ?? localRegistryPort(sewHome.identity);
  const portMayMove = value.port === undefined && !sewHome.identity.isDefault;
  return { kind: 'container', container: localContainerName(sewHome.identity), port, portMayMove, ...pushAddress(port), data: join(sewHome.path, 'local'), cache: overrides.cache ?? value.cache ?? false };
}

/** The plan with the port the registry actually got. */
export function onPort(local: LocalContainer, port: number): LocalContainer {
  return port === local.port ? local : { ...local, port, ...pushAddress(port) };
}

function pushAddress(port: number): { host: string; pushTarget: string } {
  return { host: `localhost:${port}`, pushTarget: `localhost:${port}` };
}

/** `[user:pass@]host[:port][/path]`; the credentials are for `docker login`, never kept here. */
export function parseExternal(text: string, where: string): { host: string; pushTarget: string } {
  const at = text.lastIndexOf('@');
  const target = at === -1 ? text : text.slice(at + 1);
  const slash = target.indexOf('/');
  const host = slash === -1 ? target : target.slice(0, slash);
  const path = slash === -1 ? '' : target.slice(slash);
  if (!isRegistryHost(host) || !/^(\/[a-z0-9._/-]*)?$/i.test(path)) throw new InputError(where, `"${target}" is not [user:pass@]host[:port][/path]`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new InputError(where, `"${target}": ${portProblem}`);
  return { host: host.toLowerCase(), pushTarget: `${host.toLowerCase()}${path.replace(/\/$/, '')}` };
}

/** hosts.toml so nodes resolve `localhost:5050/...` to the container, not to themselves. */
export function localHostsFile(local: LocalContainer): [string, string] {
  return [local.host, `server = "http://${local.host}"\n\n[host."http://${local.container}:${REGISTRY_PORT}"]\n  capabilities = ["pull", "resolve"]\n`];
}
