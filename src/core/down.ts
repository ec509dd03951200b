// `down`: delete the Kind cluster; keep the registries and their data unless purging,
// because they are the cache the next run starts from.
import { readdir, rm } from 'node:fs/promises';
import type Docker from 'dockerode';
import { MANAGED_LABEL } from './containers/registry.js';
import { removeContainer } from './containers/registry.js';
import type { Exec } from './exec/exec.js';
import { clusterExists, kind, KindNotInstalledError } from './kind/cluster.js';
import { clustersDir, readClusterState, removeClusterState } from './kind/state.js';
import { withHomeLock } from './lock.js';
import { DEFAULT_CLUSTER_NAME } from './plan.js';
import type { Reporter } from './report.js';

export interface DownOptions {
  readonly sewHome: string;
  readonly name?: string;
  readonly purge: boolean;
}

export interface DownResult {
  readonly name: string;
  readonly clusterDeleted: boolean;
  readonly removedContainers: readonly string[];
  readonly removedData: readonly string[];
}

export async function down(options: DownOptions, deps: { exec: Exec; docker: () => Promise<Docker>; reporter: Reporter }): Promise<DownResult> {
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}

async function tearDown(options: DownOptions, deps: { exec: Exec; docker: () => Promise<Docker>; reporter: Reporter }): Promise<DownResult> {
  const name = options.name ?? (await onlyKnownCluster(options.sewHome)) ?? DEFAULT_CLUSTER_NAME;
  const state = await readClusterState(options.sewHome, name);
  const clusterDeleted = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    // Without kind there is no cluster of ours to delete (a run with --no-cluster); the
    // rest of down, and a CI teardown after it, goes on.
    const exists = await clusterExists(deps.exec, name).catch((err: unknown) => {
      if (err instanceof KindNotInstalledError) return undefined;
      throw err;
    });
    if (!exists) {
      deps.reporter.info(exists === undefined ? 'kind is not installed: no cluster to delete' : `no Kind cluster named ${name}`);
      return false;
    }
    await kind(deps.exec, ['delete', 'cluster', '--name', name]);
    return true;
  });
  await removeClusterState(options.sewHome, name);
  if (!options.purge) return { name, clusterDeleted, removedContainers: [], removedData: [] };

  return deps.reporter.phase('Purge registries and data', async () => {
    const docker = await deps.docker();
    const containers = await docker.listContainers({ all: true, filters: { label: [`${MANAGED_LABEL}=true`] } });
    const removedContainers: string[] = [];
    const data = new Set<string>(state?.hostsDir ? [state.hostsDir] : []);
    for (const container of containers) {
      for (const mount of container.Mounts) if (mount.Type === 'bind' && mount.Destination === '/var/lib/registry') data.add(mount.Source);
      const containerName = container.Names[0]?.replace(/^\//, '') ?? container.Id;
      if (await removeContainer(docker, containerName)) removedContainers.push(containerName);
    }
    for (const dir of data) await rm(dir, { recursive: true, force: true });
    return { name, clusterDeleted, removedContainers, removedData: [...data] };
  });
}

async function onlyKnownCluster(sewHome: string): Promise<string | undefined> {
  const names = (await readdir(clustersDir(sewHome)).catch(() => [] as string[]))
    .filter((f) => f.endsWith('.yaml') && !f.endsWith('.kind.yaml'))
    .map((f) => f.slice(0, -'.yaml'.length));
  return names.length === 1 ? names[0] : undefined;
}
