import type Docker from 'dockerode';
import { HOME_LABEL, MANAGED_LABEL } from './registry.js';

/** The registry containers one $SEW_HOME started; never another home's. */
export async function homeContainers(docker: Docker, home: string, options: { all?: boolean } = {}): Promise<Docker.ContainerInfo[]> {
  return docker.listContainers({ all: options.all ?? false, filters: { label: [`${MANAGED_LABEL}=true`, `${HOME_LABEL}=${home}`] } });
}

/** Stops a home's registries (or only those named) so their data can be archived or pruned consistently; returns their names. */
export async function stopRegistries(docker: Docker, home: string, only?: readonly string[]): Promise<string[]> {
  const running = (await homeContainers(docker, home)).filter((c) => only === undefined || c.Names.some((n) => only.includes(n.replace(/^\//, ''))));
  await Promise.all(running.map((c) => docker.getContainer(c.Id).stop({ t: 10 }).catch(() => undefined)));
  return running.map((c) => c.Names[0]?.replace(/^\//, '') ?? c.Id);
}
