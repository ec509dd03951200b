// `down`: delete the Kind cluster; keep the registries and their data unless purging,
// because they are the cache the next run starts from.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { homeIdentity, realPath } from './home/identity.js';
import { withHomeLock } from './lock.js';
import { DEFAULT_CLUSTER_NAME, refuseSharedHome } from './plan.js';
import type { Cluster, RemoveOutcome } from './ports/cluster.js';
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
  /** `no-kind`: kind is not installed, so whether the cluster exists could not be checked. */
  readonly cluster: RemoveOutcome;
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
  const cluster = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    const outcome = await deps.cluster.remove(options.sewHome, name);
    if (outcome === 'no-kind') deps.reporter.info('kind is not installed: could not check for a cluster to delete');
    if (outcome === 'absent') deps.reporter.info(`no Kind cluster named ${name}`);
    return outcome;
  });
  const state = await deps.cluster.forget(options.sewHome, name);
  if (!options.purge) return { name, cluster, removedContainers: [], removedData: [], keptData: [] };

  return deps.reporter.phase('Purge registries and data', async () => {
    const registries = await deps.registries.removeAll(homeIdentity(options.sewHome, options.env).id);
    // The hosts files too: the cluster's, and those of the default layout ($SEW_HOME/mirrors/hosts),
    // written by any run, with or without a cluster.
    const data = new Set<string>([join(options.sewHome, 'mirrors', 'hosts'), ...(state.hostsDir ? [state.hostsDir] : [])]);
    for (const registry of registries) if (registry.data !== undefined) data.add(registry.data);
    const [inside, outside] = partition([...data].filter((dir) => existsSync(dir)), (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, cluster, removedContainers: registries.filter((r) => r.removed).map((r) => r.name), removedData: inside, keptData: outside };
  });
}

function isInside(path: string, root: string): boolean {
  const rel = relative(realPath(root), realPath(path));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  return [items.filter(test), items.filter((item) => !test(item))];
}
