import { directoryCacheStore, type CacheStore } from '../core/cache/store.js';
import { defaultUpDeps, type UpDeps } from '../core/default-deps.js';
import { githubCacheStore } from './github-cache.js';
import { installKind } from './install-kind.js';
import type { SavePolicy } from './save-policy.js';

export interface CacheState {
  /** Under whose lock post saves. */
  readonly sewHome: string;
  /** The plan's home id: whose registries post stops. */
  readonly home: string;
  readonly paths: readonly string[];
  /** The saved key is `<keyPrefix>-<content fingerprint>`. */
  readonly keyPrefix: string;
  readonly restoredKey?: string;
  readonly save: SavePolicy;
  /** The preload data and the refs the plan preloads: what the data is pruned to before saving. */
  readonly preload?: { readonly data: string; readonly refs: readonly string[] };
}

export interface ActionDeps {
  readonly up: UpDeps;
  readonly cache: CacheStore;
  readonly installKind: (version: string) => Promise<void>;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export function defaultActionDeps(env: NodeJS.ProcessEnv = process.env): ActionDeps {
  return {
    up: defaultUpDeps(env),
    // SEW_CACHE_DIR swaps the GitHub service for a directory: self-hosted runners, local runs.
    cache: env.SEW_CACHE_DIR ? directoryCacheStore(env.SEW_CACHE_DIR) : githubCacheStore,
    installKind,
    env,
    cwd: process.cwd(),
  };
}
