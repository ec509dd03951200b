// The registries port over the container engine: the plan's names, data and ports as
// container specs; stopping and removing only the containers a home's label names.
import { endpointCredentials, endpointFor, type Credentials } from '../../config/registries.js';
import { KIND_NETWORK } from '../../home/names.js';
import type { LocalContainer } from '../../local/local-registry.js';
import type { Plan } from '../../plan.js';
import type { ContainerEngine } from '../../ports/container-engine.js';
import type { Registries } from '../../ports/registries.js';
import { ensureMirrors } from './mirrors.js';
import { onPlannedPort } from './planned-port.js';
import { launchPreloadRegistry } from './preload-registry.js';
import { ensureRegistry, REGISTRY_STORAGE, waitForRegistry } from './registry.js';
import { homeContainers, stopRegistries } from './stop.js';

export function dockerRegistries(docker: () => Promise<ContainerEngine>, env: NodeJS.ProcessEnv, dockerCredentials: (host: string) => Promise<Credentials | undefined>): Registries {
  return {
    connect: async () => void (await docker()),
    startPreload: async (plan, note) => launchPreloadRegistry(await docker(), plan, note),
    async startMirrors(plan) {
      return ensureMirrors(await docker(), {
        entries: plan.mirrors?.entries ?? [],
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: (host) => endpointCredentials(endpointFor(plan.registries, host), env, dockerCredentials),
        publish: plan.publish,
      });
    },
    async startLocal(plan, note) {
      const local = localContainer(plan);
      const engine = await docker();
      const spec = { name: local.container, role: 'local' as const, home: plan.home.id, image: plan.registryImage, dataDir: local.data, network: KIND_NETWORK, publish: plan.publish };
      const registry = await onPlannedPort(local, (hostPort) => ensureRegistry(engine, { ...spec, ...(hostPort !== undefined && { hostPort }) }), note);
      await waitForRegistry(registry.url);
      return registry;
    },
    stop: async (home, only) => stopRegistries(await docker(), home, only),
    async removeAll(home) {
      const engine = await docker();
      const removed = [];
      for (const container of await homeContainers(engine, home, { all: true })) {
        const data = container.mounts.find((m) => m.target === REGISTRY_STORAGE)?.source;
        removed.push({ name: container.name, removed: await engine.remove(container.name), ...(data !== undefined && { data }) });
      }
      return removed;
    },
  };
}

function localContainer(plan: Plan): LocalContainer {
  if (plan.local?.kind !== 'container') throw new Error('the plan starts no local registry container');
  return plan.local;
}
