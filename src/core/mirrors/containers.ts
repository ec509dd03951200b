// One pull-through proxy container per mirrored upstream that has a local endpoint.
// Credentials reach the proxy as container environment only: the data directory is what
// CI caches, so nothing secret is ever written under it.
import { join } from 'node:path';
import type Docker from 'dockerode';
import type { Credentials } from '../config/registries.js';
import { ensureRegistry, waitForRegistry, type RunningRegistry } from '../containers/registry.js';
import { KIND_NETWORK } from '../containers/network.js';
import { hasLocalProxy, mirrorContainerName, type MirrorEntry } from './upstreams.js';
import { refreshSchedulerState } from './scheduler-state.js';

export interface MirrorSetup {
  readonly entries: readonly MirrorEntry[];
  readonly data: string;
  readonly registryImage: string;
  readonly upstreamUrl: (host: string) => string;
  readonly credentials: (host: string) => Promise<Credentials | undefined>;
}

export interface RunningMirror extends RunningRegistry {
  readonly host: string;
  readonly dataDir: string;
  /** Why the proxy is not serving (its upstream unreachable at start, say); nodes then fall back upstream. */
  readonly problem?: string;
}

const MIRROR_READY_MS = 15_000;

export function mirrorDataDir(data: string, host: string): string {
  return join(data, 'data', host);
}

export async function ensureMirrors(docker: Docker, setup: MirrorSetup): Promise<RunningMirror[]> {
  const out: RunningMirror[] = [];
  for (const entry of setup.entries.filter(hasLocalProxy)) {
    const dataDir = mirrorDataDir(setup.data, entry.host);
    const credentials = await setup.credentials(entry.host);
    const env: Record<string, string> = { REGISTRY_PROXY_REMOTEURL: setup.upstreamUrl(entry.host) };
    if (credentials) {
      env.REGISTRY_PROXY_USERNAME = credentials.username;
      env.REGISTRY_PROXY_PASSWORD = credentials.password;
    }
    const spec = { name: mirrorContainerName(entry.host), role: 'mirror' as const, image: setup.registryImage, dataDir, network: KIND_NETWORK, env };
    // Only a container about to start reads the state; refreshing under a running one is harmless.
    await refreshSchedulerState(dataDir);
    const registry = await ensureRegistry(docker, spec);
    // A mirror is an optimisation: one that cannot serve is reported, and the run goes on.
    const problem = await waitForRegistry(registry.url, MIRROR_READY_MS).then(
      () => undefined,
      (err: Error) => `${err.message}; see \`docker logs ${registry.name}\``,
    );
    out.push({ ...registry, host: entry.host, dataDir, ...(problem && { problem }) });
  }
  return out;
}
