// Mirror entries from `images.mirrors.upstreams`. Forms:
//   ghcr.io                         a local pull-through proxy container for ghcr.io
//   docker.io=https://harbor/v2/x   the node goes to an existing shared cache directly
//   quay.io=local,https://m.example endpoints tried in order (`local` = the local proxy)
//   {host: quay.io, endpoints: [...]}
//   *=http://cache:5000             every host without its own entry (containerd `_default`)
// docker.io is always mirrored, as in sew.
import { InputError } from '../errors.js';
import { checkRegistryUrl } from '../config/registries.js';
import type { Located } from '../config/layer.js';
import type { UpstreamInput } from '../config/schema.js';
import { DOCKER_HUB } from '../images/reference.js';
import { hostPortProblem, isRegistryHost } from '../input/checks.js';

export const WILDCARD = '*';
export const LOCAL = 'local';

export interface MirrorEntry {
  /** Registry host, or `*` for every host without its own entry. */
  readonly host: string;
  /** In order; `local` stands for this host's proxy container. */
  readonly endpoints: readonly string[];
  /** The local proxy's container and its registry storage, named by the plan (absent without a `local` endpoint). */
  readonly container?: string;
  readonly storage?: string;
}


export function parseUpstreams(entries: readonly Located<UpstreamInput>[]): MirrorEntry[] {
  const out: MirrorEntry[] = [];
  for (const { value, where } of entries) {
    const entry = parseUpstream(value, where);
    if (out.some((e) => e.host === entry.host)) throw new InputError(where, `"${entry.host}" is listed twice`);
    out.push(entry);
  }
  if (!out.some((e) => e.host === DOCKER_HUB)) out.unshift({ host: DOCKER_HUB, endpoints: [LOCAL] });
  return out;
}

function parseUpstream(value: UpstreamInput, where: string): MirrorEntry {
  let host: string;
  let endpoints: string[];
  if (typeof value === 'string') {
    const eq = value.indexOf('=');
    host = (eq === -1 ? value : value.slice(0, eq)).trim().toLowerCase();
    endpoints = eq === -1 ? [LOCAL] : value.slice(eq + 1).split(',').map((e) => e.trim());
  } else {
    host = value.host.trim().toLowerCase();
    endpoints = value.endpoints ? [...value.endpoints] : [LOCAL];
  }
  if (host === 'index.docker.io') host = DOCKER_HUB;
  if (host !== WILDCARD && !isRegistryHost(host)) throw new InputError(where, `"${host}" is not a registry host`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new InputError(where, `"${host}": ${portProblem}`);
  if (endpoints.length === 0 || endpoints.some((e) => e === '')) throw new InputError(where, `"${host}" has an empty endpoint`);
  const checked = endpoints.map((e) => (e === LOCAL ? e : checkRegistryUrl(e, where)));
  if (host === WILDCARD && checked.includes(LOCAL)) {
    throw new InputError(where, 'the wildcard "*" needs endpoints (`*=https://cache.example.com`): a local proxy serves one upstream');
  }
  return { host, endpoints: checked };
}

export function hasLocalProxy(entry: MirrorEntry): boolean {
  return entry.endpoints.includes(LOCAL);
}
