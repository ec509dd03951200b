import type { ContainerEngine, ContainerSummary } from '../../ports/container-engine.js';
import { HOME_LABEL, MANAGED_LABEL } from './registry.js';

/** The registry containers one $SEW_HOME started; never another home's. */
export function homeContainers(engine: ContainerEngine, home: string, options: { all?: boolean } = {}): Promise<ContainerSummary[]> {
  return engine.list({ [MANAGED_LABEL]: 'true', [HOME_LABEL]: home }, options);
}

/** Stops a home's registries (or only those named) so their data can be archived or pruned consistently; returns their names. */
export async function stopRegistries(engine: ContainerEngine, home: string, only?: readonly string[]): Promise<string[]> {
  const running = (await homeContainers(engine, home)).filter((c) => only === undefined || only.includes(c.name));
  await Promise.all(running.map((c) => engine.stop(c.name).catch(() => undefined)));
  return running.map((c) => c.name);
}
