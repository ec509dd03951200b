// containerd's hosts.toml per upstream host (https://github.com/containerd/containerd/blob/main/docs/hosts.md):
// the preload registry first, then the mirror endpoints in order, then the upstream itself
// as `server`, so a node falls back along the list when one is down or lacks the image.
import { endpointFor } from '../config/registries.js';
import { REGISTRY_PORT } from '../home/names.js';
import { hostNamespace } from '../images/reference.js';
import { localHostsFile, type LocalContainer } from '../local/local-registry.js';
import type { Plan } from '../plan.js';
import { LOCAL, WILDCARD, type MirrorEntry } from '../mirrors/upstreams.js';

const DEFAULT_HOST_DIR = '_default';

export interface HostsInput {
  /** Hosts with preloaded images. */
  readonly preloadHosts: readonly string[];
  readonly preloadContainer: string;
  readonly mirrors: readonly MirrorEntry[];
  /** Upstream url per host (images.registries or the default). */
  readonly upstreamUrl: (host: string) => string;
}

/** Directory name under the hosts dir -> hosts.toml content. */
export function renderHostsFiles(input: HostsInput): Map<string, string> {
  const wildcard = input.mirrors.find((m) => m.host === WILDCARD);
  const byHost = new Map(input.mirrors.filter((m) => m.host !== WILDCARD).map((m) => [m.host, m]));
  const hosts = [...new Set([...input.preloadHosts, ...byHost.keys()])].sort();
  const files = new Map<string, string>();
  for (const host of hosts) {
    const endpoints: string[] = [];
    if (input.preloadHosts.includes(host)) endpoints.push(hostEntry(`http://${input.preloadContainer}:${REGISTRY_PORT}/v2/${hostNamespace(host)}`));
    // A host of its own hides _default from containerd, so it carries the wildcard endpoints too.
    const mirror = byHost.get(host) ?? wildcard;
    for (const endpoint of mirror?.endpoints ?? []) {
      endpoints.push(hostEntry(endpoint === LOCAL ? `http://${mirror?.container}:${REGISTRY_PORT}` : endpoint));
    }
    files.set(host, `server = ${quote(input.upstreamUrl(host))}\n\n${endpoints.join('\n')}`);
  }
  if (wildcard) files.set(DEFAULT_HOST_DIR, wildcard.endpoints.map((e) => hostEntry(e)).join('\n'));
  return files;
}

/** The plan's hosts files; `local` is the local registry on the port it got. */
export function planHostsFiles(plan: Plan, local: LocalContainer | undefined): Map<string, string> {
  const files = renderHostsFiles({
    preloadHosts: plan.preload.hosts,
    preloadContainer: plan.preload.container,
    mirrors: plan.mirrors?.entries ?? [],
    upstreamUrl: (host) => endpointFor(plan.registries, host).url,
  });
  if (local) files.set(...localHostsFile(local));
  return files;
}

function hostEntry(url: string): string {
  // A url that names the API path itself (`/v2/...`) is used as is, not with /v2 appended.
  const override = new URL(url).pathname.startsWith('/v2');
  return `[host.${quote(url)}]\n  capabilities = ["pull", "resolve"]\n${override ? '  override_path = true\n' : ''}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
