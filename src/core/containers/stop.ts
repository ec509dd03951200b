import type Docker from 'dockerode';
import { MANAGED_LABEL } from './registry.js';

/** Stops sew-ci's registries (or only those named) so their data can be archived or pruned consistently; returns their names. */
export async function stopRegistries(docker: Docker, only?: readonly string[]): Promise<string[]> {
  const running = (await docker.listContainers({ filters: { label: [`${MANAGED_LABEL}=true`] } })).filter(
    (c) => only === undefined || c.Names.some((n) => only.includes(n.replace(/^\//, ''))),
  );
  await Promise.all(running.map((c) => docker.getContainer(c.Id).stop({ t: 10 }).catch(() => undefined)));
  return running.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id);
}
