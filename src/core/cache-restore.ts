// The cache restore of a run: the plan's registry data under the plan's key (else the nearest
// sew-ci cache), checked blob by blob, and what the save after the run needs. A cache that
// cannot be restored warns: the run goes on without it.
import { restoredExactPlan, type CacheHandoff } from './cache/handoff.js';
import { restoreKeys, storedBytes } from './cache/content.js';
import type { CacheStore } from './cache/store.js';
import { separateKey, type SeparateHandoff } from './cache/separate.js';
import { dropDamagedBlobsIn } from './cache/verify.js';
import { describeError } from './errors.js';
import type { Plan } from './plan.js';
import type { Reporter } from './ports/reporter.js';

export async function restorePlanCache(plan: Plan, store: CacheStore, prefix: string, reporter: Reporter): Promise<CacheHandoff> {
  const paths = plan.cachePaths;
  const keys = restoreKeys(prefix, plan.cacheKey);
  let restoredKey: string | undefined;
  try {
    restoredKey = paths.length ? await store.restore(paths, keys.primary, keys.restoreKeys) : undefined;
    if (!restoredKey) reporter.info(`no cache for ${keys.primary}`);
    else if (restoredExactPlan({ primaryKey: keys.primary, restoredKey })) reporter.info(`restored ${restoredKey}: this plan's cache`);
    else reporter.info(`restored ${restoredKey}: the nearest cache, none is saved for ${keys.primary} yet`);
    if (restoredKey) {
      const check = await dropDamagedBlobsIn(paths);
      reporter.info(`${check.checked} restored blob(s) checked against their digests`);
      if (check.removed.length) reporter.warn(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(', ')}`);
    }
  } catch (err) {
    reporter.warn(`cache not restored: ${describeError(err)}; continuing without it`);
  }
  const mirrors = plan.mirrors && paths.includes(plan.mirrors.storage) ? { storage: plan.mirrors.storage, bytesAtStart: await storedBytes(plan.mirrors.storage) } : undefined;
  const separate: SeparateHandoff[] = [];
  for (const entry of plan.separateCaches) separate.push({ ...entry, restored: await restoreSeparate(entry, store, prefix, reporter) });
  return {
    sewHome: plan.sewHome,
    home: plan.home.id,
    paths,
    prefix,
    cacheKey: plan.cacheKey,
    primaryKey: keys.primary,
    ...(restoredKey && { restoredKey }),
    ...(paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } }),
    ...(mirrors && { mirrors }),
    ...(separate.length && { separate }),
  };
}

/** An entry of its own: its exact key or nothing, as its key names its whole content. */
async function restoreSeparate(entry: Plan['separateCaches'][number], store: CacheStore, prefix: string, reporter: Reporter): Promise<boolean> {
  const key = separateKey(prefix, entry);
  try {
    const restored = (await store.restore(entry.paths, key, [])) === key;
    reporter.info(restored ? `restored ${key} (${entry.name})` : `no cache for ${key} (${entry.name})`);
    if (restored) {
      const check = await dropDamagedBlobsIn(entry.paths);
      if (check.removed.length) reporter.warn(`restored ${entry.name} cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(', ')}`);
    }
    return restored;
  } catch (err) {
    reporter.warn(`${entry.name} cache not restored: ${describeError(err)}; continuing without it`);
    return false;
  }
}
