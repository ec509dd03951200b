// `down`: delete the Kind cluster; keep the registries and their data unless purging,
// because they are the cache the next run starts from.
import { rm } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { homeContainers } from './containers/stop.js';
import type { Exec } from './exec/exec.js';
import { homeIdentity, realPath } from './home/identity.js';
import { clusterExists, kind, KindNotInstalledError } from './kind/cluster.js';
import { assertOwnCluster } from './kind/ownership.js';
import { knownClusterNames, readClusterState, removeClusterState } from './kind/state.js';
import { withHomeLock } from './lock.js';
import type { ContainerEngine } from './ports/container-engine.js';
import { DEFAULT_CLUSTER_NAME, refuseSharedHome } from './plan.js';
import type { Reporter } from './ports/reporter.js';

export interface DownOptions {
  readonly sewHome: string;
  /** Where HOME is, which tells whether sewHome is the default one. */
  readonly env: NodeJS.ProcessEnv;
  readonly name?: string;
  readonly purge: boolean;
}

export interface DownResult {
  readonly name: string;
  readonly clusterDeleted: boolean;
  readonly removedContainers: readonly string[];
  readonly removedData: readonly string[];
  /** Data directories of this home's registries that lie outside it: never removed. */
  readonly keptData: readonly string[];
}

export async function down(options: DownOptions, deps: { exec: Exec; docker: () => Promise<ContainerEngine>; reporter: Reporter }): Promise<DownResult> {
  refuseSharedHome(options.sewHome, options.env);
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}

async function tearDown(options: DownOptions, deps: { exec: Exec; docker: () => Promise<ContainerEngine>; reporter: Reporter }): Promise<DownResult> {
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
    await assertOwnCluster(deps.exec, options.sewHome, name, 'deleted');
    await kind(deps.exec, ['delete', 'cluster', '--name', name]);
    return true;
  });
  await removeClusterState(options.sewHome, name);
  if (!options.purge) return { name, clusterDeleted, removedContainers: [], removedData: [], keptData: [] };

  return deps.reporter.phase('Purge registries and data', async () => {
    const engine = await deps.docker();
    const containers = await homeContainers(engine, homeIdentity(options.sewHome, options.env).id, { all: true });
    const removedContainers: string[] = [];
    const data = new Set<string>(state?.hostsDir ? [state.hostsDir] : []);
    for (const container of containers) {
      for (const mount of container.mounts) if (mount.target === '/var/lib/registry') data.add(mount.source);
      if (await engine.remove(container.name)) removedContainers.push(container.name);
    }
    const [inside, outside] = partition([...data], (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, clusterDeleted, removedContainers, removedData: inside, keptData: outside };
  });
}

function isInside(path: string, root: string): boolean {
  const rel = relative(realPath(root), realPath(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}

async function onlyKnownCluster(sewHome: string): Promise<string | undefined> {
  const names = await knownClusterNames(sewHome);
  return names.length === 1 ? names[0] : undefined;
}
