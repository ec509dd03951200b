// The step after a run (the action's post): stop this home's registries, whatever the cache
// (a self-hosted runner would keep them running otherwise); with a cache to save, prune the
// preload data to the plan and save when the content changed, each entry cached apart (the
// node image, tools) once. Best-effort: a declined save is a warning, never a failure.
import type { CacheHandoff, HomeHandoff } from './cache/handoff.js';
import { contentFingerprint, saveKey, storedBytes } from './cache/content.js';
import { describePrune } from './cache/prune.js';
import { separateKey, separateLabel, separateWhole } from './cache/separate.js';
import type { CacheStore } from './cache/store.js';
import { pruneTo } from './cache-prune.js';
import { describeError } from './errors.js';
import { withHomeLock } from './lock.js';
import type { Registries } from './ports/registries.js';
import type { Reporter } from './ports/reporter.js';

export interface CacheSaveDeps {
  readonly registries: Pick<Registries, 'stop'>;
  readonly store: CacheStore;
  readonly reporter: Reporter;
}

export interface SaveRequest extends HomeHandoff {
  /** What the run restored and the save needs; absent when the run keeps no cache. */
  readonly cache?: CacheHandoff;
  /** Why this run saves nothing even so (`save: never`, not the default branch). */
  readonly skip?: string;
}

/** What the step did with the cache: what the job summary says. */
export interface SaveOutcome {
  readonly saved: boolean;
  /** The key saved, or that a save would have written. */
  readonly key?: string;
  /** Why nothing was saved. */
  readonly reason?: string;
  /** What the prune before the save did. */
  readonly pruned?: string;
  /** Bytes the mirrors fetched from their upstreams during the job: their storage's growth. */
  readonly mirrorsFetched?: number;
  /** What happened to each entry cached apart (the node image, tools). */
  readonly apart?: readonly EntrySaved[];
}

export interface EntrySaved {
  /** As the summary names it (separateLabel). */
  readonly name: string;
  readonly outcome: SaveOutcome;
}

export async function saveCache(request: SaveRequest, deps: CacheSaveDeps): Promise<SaveOutcome> {
  const { reporter } = deps;
  // Under the home's lock: another run of this home must not fill what is being archived.
  return withHomeLock(request.sewHome, reporter, async () => {
    await reporter.phase('Stop registries', async () => {
      // A registry written to while it is archived would be saved half-done. Only this home's:
      // another job's registries on the same Docker host are none of this job's business.
      const stopped = await deps.registries.stop(request.home);
      reporter.info(stopped.length ? `stopped ${stopped.join(', ')}` : 'no registry running');
    });
    const skipped = (reason: string): SaveOutcome => {
      reporter.info(`not saving the cache: ${reason}`);
      return { saved: false, reason };
    };
    const { cache } = request;
    if (cache === undefined) return skipped(request.skip ?? 'the cache is off');
    const mirrors = cache.mirrors;
    const mirrorsFetched = mirrors && Math.max(0, (await storedBytes(mirrors.storage)) - mirrors.bytesAtStart);
    const fetched = mirrorsFetched === undefined ? {} : { mirrorsFetched };
    if (request.skip !== undefined) return { ...skipped(request.skip), ...fetched };
    const preload = cache.preload;
    const pruned = preload ? await reporter.phase('Prune preload data', async () => describePrune(await pruneTo(preload))) : undefined;
    if (pruned !== undefined) reporter.info(pruned);
    const outcome = await reporter.phase('Save cache', async () => {
      const apart = await saveSeparate(cache, deps);
      const data = cache.paths.length === 0 ? skipped('the plan caches no registry data') : await save(cache, deps);
      return { ...data, ...(apart.length && { apart }) };
    });
    return { ...outcome, ...(pruned !== undefined && { pruned }), ...fetched };
  });
}

async function save(cache: CacheHandoff, deps: CacheSaveDeps): Promise<SaveOutcome> {
  const key = saveKey(cache.prefix, cache.cacheKey, await contentFingerprint(cache.paths));
  if (key === cache.restoredKey) {
    deps.reporter.info(`${key} restored and unchanged: not saving`);
    return { saved: false, key, reason: 'unchanged since it was restored' };
  }
  return saveEntry(cache.paths, key, undefined, deps);
}

/** Each entry of its own, once: not when restored (its key names its content), nor when partial. */
async function saveSeparate(handoff: CacheHandoff, deps: CacheSaveDeps): Promise<EntrySaved[]> {
  const saved: EntrySaved[] = [];
  for (const entry of handoff.separate ?? []) {
    const key = separateKey(handoff.prefix, entry);
    const name = separateLabel(entry);
    const skipped = (reason: string): SaveOutcome => {
      deps.reporter.info(`${key} (${name}): ${reason}, not saving`);
      return { saved: false, key, reason };
    };
    const outcome = entry.restored ? skipped('restored by this key') : !(await separateWhole(entry)) ? skipped(`not whole in ${entry.paths[0]}`) : await saveEntry(entry.paths, key, name, deps);
    saved.push({ name, outcome });
  }
  return saved;
}

/** One entry to the cache service; `name` for an entry cached apart. A service that fails outright is a declined save too: saving is best-effort. */
async function saveEntry(paths: readonly string[], key: string, name: string | undefined, { store, reporter }: CacheSaveDeps): Promise<SaveOutcome> {
  const result = await store.save(paths, key).catch((err: unknown) => ({ saved: false as const, reason: describeError(err) }));
  if (result.saved) {
    reporter.info(name === undefined ? `saved ${key}` : `saved ${key} (${name})`);
    return { saved: true, key };
  }
  reporter.warn(`${name === undefined ? '' : `${name} `}cache not saved: ${result.reason}`);
  return { saved: false, key, reason: `declined by the cache service: ${result.reason}` };
}
