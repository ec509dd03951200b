import { directoryCacheStore, type CacheStore } from '../core/cache/store.js';
import { defaultDeps, type Deps } from '../core/default-deps.js';
import { githubCacheStore } from './github-cache.js';
import { installKind } from './install-kind.js';

export interface ActionDeps {
  readonly core: Deps;
  readonly cache: CacheStore;
  readonly installKind: (version: string) => Promise<void>;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function defaultActionDeps(env: NodeJS.ProcessEnv = process.env): ActionDeps {
  return {
    core: defaultDeps(env),
    // SEW_CACHE_DIR swaps the GitHub service for a directory: self-hosted runners, local runs.
    cache: env.SEW_CACHE_DIR ? directoryCacheStore(env.SEW_CACHE_DIR) : githubCacheStore,
    installKind,
    env,
    cwd: process.cwd(),
  };
}
