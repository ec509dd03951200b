// The preload registry, for `up` and `build` alike: kept when it runs as specified (one
// inspect), otherwise started on the kind network, pulling the registry image if need be.
import type { Plan } from '../plan.js';
import type { ContainerEngine } from '../ports/container-engine.js';
import type { Reporter } from '../ports/reporter.js';
import { KIND_NETWORK } from '../home/names.js';
import { ensureRegistry, waitForRegistry, type RunningRegistry } from './registry.js';

export function startPreloadRegistry(engine: ContainerEngine, plan: Plan, reporter: Reporter): Promise<RunningRegistry> {
  return reporter.phase('Preload registry', async () => {
    const registry = await launchPreloadRegistry(engine, plan, reporter);
    reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
    return registry;
  });
}

/** The preload registry, up and answering; without a phase of its own: `up` starts it beside the copy. */
export async function launchPreloadRegistry(engine: ContainerEngine, plan: Plan, reporter: Reporter): Promise<RunningRegistry> {
  const registry = await ensureRegistry(
    engine,
    {
      name: plan.preload.container,
      role: 'preload',
      home: plan.home.id,
      image: plan.registryImage,
      dataDir: plan.preload.data,
      network: KIND_NETWORK,
      publish: plan.publish,
    },
    { onPull: (image) => reporter.info(`pulling ${image}`) },
  );
  await waitForRegistry(registry.url, undefined, { engine, name: registry.name });
  return registry;
}
