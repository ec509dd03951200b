// What a run that restored the cache hands to the step that saves it (the action's post step):
// the paths, the keys, and what the preload data is pruned to. Stored in plain text by the CI
// system, so never anything secret.
import type { SeparateHandoff } from './separate.js';

/** What the step after a run needs whatever the cache: whose registries it stops. */
export interface HomeHandoff {
  /** Under whose lock the step runs. */
  readonly sewHome: string;
  /** The home's id: whose registries are stopped (before the archive, and at the job's end). */
  readonly home: string;
}

export interface CacheHandoff extends HomeHandoff {
  readonly paths: readonly string[];
  /** The user's key prefix (`cache-key-prefix`), possibly empty. */
  readonly prefix: string;
  /** The plan's key, without the prefix. */
  readonly cacheKey: string;
  /** The exact plan's key: saved keys are `<primaryKey>-<content fingerprint>` (saveKey). */
  readonly primaryKey: string;
  readonly restoredKey?: string;
  /** The preload data and the refs the plan preloads: what the data is pruned to before saving. */
  readonly preload?: { readonly data: string; readonly refs: readonly string[] };
  /** The mirrors' storage and its blob bytes once restored: what it grew by is what the mirrors fetched during the job. */
  readonly mirrors?: { readonly storage: string; readonly bytesAtStart: number };
  /** Entries cached apart (the node image), each saved once under its own key. */
  readonly separate?: readonly SeparateHandoff[];
}

/** A cache of this exact plan was restored, not a fallback's. */
export function restoredExactPlan(handoff: Pick<CacheHandoff, 'primaryKey' | 'restoredKey'>): boolean {
  return handoff.restoredKey?.startsWith(`${handoff.primaryKey}-`) ?? false;
}
