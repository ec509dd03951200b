import { directoryCacheStore, type CacheStore } from '../core/cache/store.js';
import { defaultDeps, type Deps } from '../core/default-deps.js';
import { githubCacheStore } from './github-cache.js';

export interface ActionDeps {
  readonly core: Deps;
  readonly cache: CacheStore;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function defaultActionDeps(env: NodeJS.ProcessEnv = process.env): ActionDeps {
  return {
    core: defaultDeps(env),
    // SEW_CACHE_DIR swaps the GitHub service for a directory: self-hosted runners, local runs.
    cache: env.SEW_CACHE_DIR ? directoryCacheStore(env.SEW_CACHE_DIR) : githubCacheStore,
    env,
    cwd: process.cwd(),
  };
}
