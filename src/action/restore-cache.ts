// The action's cache restore: the plan's registry data under the plan's key, checked blob by
// blob, and what post needs to save it again.
import * as core from '@actions/core';
import { restoreKeys } from '../core/cache/content.js';
import type { CacheStore } from '../core/cache/store.js';
import { dropDamagedBlobsIn } from '../core/cache/verify.js';
import { registryCredentials } from '../core/config/registries.js';
import { describeError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import type { CacheState } from './deps.js';
import type { SavePolicy } from './save-policy.js';

/** Any credential the run may use is masked before anything could print it. */
export function maskCredentials(plan: Plan, env: NodeJS.ProcessEnv): void {
  for (const endpoint of Object.values(plan.registries)) {
    const credentials = registryCredentials(endpoint, env);
    if (credentials?.password) core.setSecret(credentials.password);
  }
}

/** A cache that cannot be restored warns: the run goes on without it. */
export async function restoreCache(plan: Plan, store: CacheStore, options: { keyPrefix: string; save: SavePolicy }): Promise<CacheState> {
  const paths = plan.cachePaths;
  const keys = restoreKeys(options.keyPrefix, plan.cacheKey);
  let restoredKey: string | undefined;
  try {
    restoredKey = paths.length ? await store.restore(paths, keys.primary, keys.restoreKeys) : undefined;
    core.info(restoredKey ? `restored ${restoredKey}` : `no cache for ${keys.primary}`);
    if (restoredKey) {
      const check = await dropDamagedBlobsIn(paths);
      core.info(`${check.checked} restored blob(s) checked against their digests`);
      if (check.removed.length) core.warning(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(', ')}`);
    }
  } catch (err) {
    core.warning(`cache not restored: ${describeError(err)}; continuing without it`);
  }
  return {
    sewHome: plan.sewHome,
    home: plan.home.id,
    paths,
    keyPrefix: keys.primary,
    ...(restoredKey && { restoredKey }),
    save: options.save,
    ...(paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } }),
  };
}
