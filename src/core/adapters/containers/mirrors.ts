// One pull-through proxy container per mirrored upstream that has a local endpoint.
// Credentials reach the proxy as container environment only: the data directory is what
// CI caches, so nothing secret is ever written under it.
import type { Credentials } from '../../config/registries.js';
import { ensureRegistry, waitForRegistry, type RegistrySpec, type RunningRegistry } from './registry.js';
import { KIND_NETWORK, type Publishing } from '../../home/names.js';
import type { ContainerEngine } from '../../ports/container-engine.js';
import type { MirrorState } from '../../ports/registries.js';
import { hasLocalProxy, type MirrorEntry } from '../../mirrors/upstreams.js';
import { refreshSchedulerState } from './scheduler-state.js';

export interface MirrorSetup {
  readonly entries: readonly MirrorEntry[];
  readonly registryImage: string;
  /** The owning home's id. */
  readonly home: string;
  readonly upstreamUrl: (host: string) => string;
  readonly credentials: (host: string) => Promise<Credentials | undefined>;
  readonly publish?: Publishing;
}

/** What the registries port reports of a mirror, and the storage it serves. */
export interface RunningMirror extends MirrorState {
  readonly dataDir: string;
}

const MIRROR_READY_MS = 15_000;

export async function ensureMirrors(engine: ContainerEngine, setup: MirrorSetup): Promise<RunningMirror[]> {
  const out: RunningMirror[] = [];
  for (const entry of setup.entries.filter(hasLocalProxy)) out.push(await ensureMirror(engine, setup, entry));
  return out;
}

async function ensureMirror(engine: ContainerEngine, setup: MirrorSetup, entry: MirrorEntry): Promise<RunningMirror> {
  const { host } = entry;
  const { container, storage: dataDir } = entry;
  if (!container || !dataDir) throw new Error(`mirror ${host} has no container or storage in the plan`);
  const credentials = await setup.credentials(host);
  const env: Record<string, string> = { REGISTRY_PROXY_REMOTEURL: setup.upstreamUrl(host) };
  if (credentials) {
    env.REGISTRY_PROXY_USERNAME = credentials.username;
    env.REGISTRY_PROXY_PASSWORD = credentials.password;
  }
  const spec = { name: container, role: 'mirror' as const, home: setup.home, image: setup.registryImage, dataDir, network: KIND_NETWORK, env, ...(setup.publish && { publish: setup.publish }) };
  // Only a container about to start reads the state; refreshing under a running one is harmless.
  await refreshSchedulerState(dataDir);
  const proxy = await startAndWait(engine, spec);
  if (proxy.registry) return { host, container, dataDir, url: proxy.registry.url };

  // registry:2 in proxy mode asks its upstream for auth challenges at start and exits when it
  // cannot reach it. What it cached is a plain registry's layout, so serve that, read-only
  // in effect; the next run with the upstream back replaces it with the proxy again.
  const cacheOnly = await startAndWait(engine, { ...spec, env: {} });
  if (cacheOnly.registry) {
    return { host, container, dataDir, url: cacheOnly.registry.url, degraded: `proxy cannot start (${proxy.problem}); serving its cache only` };
  }
  return { host, container, dataDir, problem: `${proxy.problem} (see \`docker logs ${spec.name}\`); nodes fall back to the upstream` };
}

/** A mirror is an optimisation: one that cannot serve is reported, and the run goes on. */
async function startAndWait(engine: ContainerEngine, spec: RegistrySpec): Promise<{ registry?: RunningRegistry; problem?: string }> {
  try {
    const registry = await ensureRegistry(engine, spec);
    await waitForRegistry(registry.url, MIRROR_READY_MS, { engine, name: registry.name });
    return { registry };
  } catch (err) {
    return { problem: (err as Error).message };
  }
}
