// Starting the registries' common ground: the registry image on the kind network, and the
// preload registry itself. `up` and `build` both need them, in the same phases.
import type Docker from 'dockerode';
import type { Plan } from '../plan.js';
import type { Reporter } from '../report.js';
import { ensureImage } from './image.js';
import { KIND_NETWORK } from '../home/names.js';
import { ensureNetwork } from './network.js';
import { ensureRegistry, publishing, waitForRegistry, type RunningRegistry } from './registry.js';

export function prepareRegistryImage(docker: Docker, plan: Plan, reporter: Reporter): Promise<void> {
  return reporter.phase('Registry image', () => ensureRegistryImage(docker, plan, reporter));
}

/** The kind network and the registry image, without a phase of its own: `up` runs it beside the copy. */
export async function ensureRegistryImage(docker: Docker, plan: Plan, reporter: Reporter): Promise<void> {
  await ensureNetwork(docker, KIND_NETWORK);
  const how = await ensureImage(docker, plan.registryImage, (image) => reporter.info(`pulling ${image}`));
  if (how !== 'present') reporter.info(`${plan.registryImage}: ${how}`);
}

export function startPreloadRegistry(docker: Docker, plan: Plan, env: NodeJS.ProcessEnv, reporter: Reporter): Promise<RunningRegistry> {
  return reporter.phase('Preload registry', async () => {
    const registry = await launchPreloadRegistry(docker, plan, env);
    reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
    return registry;
  });
}

/** The preload registry, up and answering; without a phase of its own: `up` starts it beside the copy. */
export async function launchPreloadRegistry(docker: Docker, plan: Plan, env: NodeJS.ProcessEnv): Promise<RunningRegistry> {
  const registry = await ensureRegistry(docker, {
    name: plan.preload.container,
    role: 'preload',
    home: plan.home.id,
    image: plan.registryImage,
    dataDir: plan.preload.data,
    network: KIND_NETWORK,
    publish: publishing(env),
  });
  await waitForRegistry(registry.url, undefined, { docker, name: registry.name });
  return registry;
}
