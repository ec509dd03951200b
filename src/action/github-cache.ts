// @actions/cache behind the core's CacheStore.
import * as cache from '@actions/cache';
import { CacheUnavailableError, type CacheStore } from '../core/cache/store.js';

export const githubCacheStore: CacheStore = {
  async restore(paths, primaryKey, restoreKeys) {
    if (!cache.isFeatureAvailable()) throw new CacheUnavailableError('the GitHub cache service is not available on this runner');
    return cache.restoreCache([...paths], primaryKey, [...restoreKeys]);
  },
  async save(paths, key) {
    if (!cache.isFeatureAvailable()) throw new CacheUnavailableError('the GitHub cache service is not available on this runner');
    await cache.saveCache([...paths], key);
  },
};
