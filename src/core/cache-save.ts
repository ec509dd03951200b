// The save after a run that restored the cache: stop this home's registries (a consistent
// snapshot), prune the preload data to the plan, save when the content changed. Best-effort:
// a declined save is a warning, never a failure.
import type { CacheHandoff } from './cache/handoff.js';
import { contentFingerprint, saveKey, storedBytes } from './cache/content.js';
import { describePrune } from './cache/prune.js';
import { separateKey, separateWhole } from './cache/separate.js';
import type { CacheStore } from './cache/store.js';
import { pruneTo } from './cache-prune.js';
import { withHomeLock } from './lock.js';
import type { Registries } from './ports/registries.js';
import type { Reporter } from './ports/reporter.js';

export interface CacheSaveDeps {
  readonly registries: Pick<Registries, 'stop'>;
  readonly store: CacheStore;
  readonly reporter: Reporter;
}

export interface SaveOutcome {
  /** Bytes the mirrors fetched from their upstreams during the job: their storage's growth. */
  readonly mirrorsFetched?: number;
}

export async function saveCache(handoff: CacheHandoff, deps: CacheSaveDeps): Promise<SaveOutcome> {
  const { reporter } = deps;
  // Under the home's lock: another run of this home must not fill what is being archived.
  return withHomeLock(handoff.sewHome, reporter, async () => {
    await reporter.phase('Stop registries', async () => {
      // A registry written to while it is archived would be saved half-done. Only this home's:
      // another job's registries on the same Docker host are none of this job's business.
      const stopped = await deps.registries.stop(handoff.home);
      reporter.info(stopped.length ? `stopped ${stopped.join(', ')}` : 'no registry running');
    });
    const mirrors = handoff.mirrors;
    const mirrorsFetched = mirrors && Math.max(0, (await storedBytes(mirrors.storage)) - mirrors.bytesAtStart);
    const preload = handoff.preload;
    if (preload) await reporter.phase('Prune preload data', async () => reporter.info(describePrune(await pruneTo(preload))));
    await reporter.phase('Save cache', async () => {
      await saveSeparate(handoff, deps);
      if (handoff.paths.length === 0) return;
      const key = saveKey(handoff.prefix, handoff.cacheKey, await contentFingerprint(handoff.paths));
      if (key === handoff.restoredKey) {
        reporter.info(`${key} restored and unchanged: not saving`);
        return;
      }
      const result = await deps.store.save(handoff.paths, key);
      if (result.saved) reporter.info(`saved ${key}`);
      else reporter.warn(`cache not saved: ${result.reason}`);
    });
    return mirrorsFetched === undefined ? {} : { mirrorsFetched };
  });
}

/** Each entry of its own, once: not when restored (its key names its content), nor when partial. */
async function saveSeparate(handoff: CacheHandoff, { store, reporter }: CacheSaveDeps): Promise<void> {
  for (const entry of handoff.separate ?? []) {
    const key = separateKey(handoff.prefix, entry);
    if (entry.restored) reporter.info(`${key} (${entry.name}) restored: not saving`);
    else if (!(await separateWhole(entry))) reporter.info(`${key} (${entry.name}): not whole in ${entry.paths[0]}, not saving`);
    else {
      const result = await store.save(entry.paths, key);
      if (result.saved) reporter.info(`saved ${key} (${entry.name})`);
      else reporter.warn(`${entry.name} cache not saved: ${result.reason}`);
    }
  }
}
