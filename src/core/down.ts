// `down`: delete the Kind cluster; keep the registries and their data unless purging,
// because they are the cache the next run starts from.
import { rm } from 'node:fs/promises';
import { relative, isAbsolute } from 'node:path';
import { homeIdentity, realPath } from './home/identity.js';
import { withHomeLock } from './lock.js';
import { DEFAULT_CLUSTER_NAME, refuseSharedHome } from './plan.js';
import type { Cluster } from './ports/cluster.js';
import type { Registries } from './ports/registries.js';
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

export interface DownDeps {
  readonly cluster: Pick<Cluster, 'known' | 'remove' | 'forget'>;
  readonly registries: Pick<Registries, 'removeAll'>;
  readonly reporter: Reporter;
}

export async function down(options: DownOptions, deps: DownDeps): Promise<DownResult> {
  refuseSharedHome(options.sewHome, options.env);
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}

async function tearDown(options: DownOptions, deps: DownDeps): Promise<DownResult> {
  const names = await deps.cluster.known(options.sewHome);
  const name = options.name ?? (names.length === 1 ? names[0] : undefined) ?? DEFAULT_CLUSTER_NAME;
  const clusterDeleted = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    const outcome = await deps.cluster.remove(options.sewHome, name);
    if (outcome === 'no-kind') deps.reporter.info('kind is not installed: no cluster to delete');
    if (outcome === 'absent') deps.reporter.info(`no Kind cluster named ${name}`);
    return outcome === 'deleted';
  });
  const state = await deps.cluster.forget(options.sewHome, name);
  if (!options.purge) return { name, clusterDeleted, removedContainers: [], removedData: [], keptData: [] };

  return deps.reporter.phase('Purge registries and data', async () => {
    const registries = await deps.registries.removeAll(homeIdentity(options.sewHome, options.env).id);
    const data = new Set<string>(state.hostsDir ? [state.hostsDir] : []);
    for (const registry of registries) if (registry.data !== undefined) data.add(registry.data);
    const [inside, outside] = partition([...data], (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, clusterDeleted, removedContainers: registries.filter((r) => r.removed).map((r) => r.name), removedData: inside, keptData: outside };
  });
}

function isInside(path: string, root: string): boolean {
  const rel = relative(realPath(root), realPath(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
