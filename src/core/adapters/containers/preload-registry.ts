// The preload registry, for `up` and `build` alike: kept when it runs as specified (one
// inspect), otherwise started on the kind network, pulling the registry image if need be.
import type { Plan } from '../../plan.js';
import type { ContainerEngine } from '../../ports/container-engine.js';
import type { Note } from '../../ports/registries.js';
import { KIND_NETWORK } from '../../home/names.js';
import { ensureRegistry, waitForRegistry, type RunningRegistry } from './registry.js';

/** The preload registry, up and answering; `note` hears of an image pull. */
export async function launchPreloadRegistry(engine: ContainerEngine, plan: Plan, note: Note): Promise<RunningRegistry> {
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
    { onPull: (image) => note(`pulling ${image}`) },
  );
  await waitForRegistry(registry.url, undefined, { engine, name: registry.name });
  return registry;
}
