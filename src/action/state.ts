// What the main step hands to the post step, through the runner's step state (plain text:
// never anything secret). Kept as soon as the plan is known, so post stops this home's
// registries even when main failed, and again once the cache is restored.
import * as core from '@actions/core';
import type { CacheHandoff, HomeHandoff } from '../core/cache/handoff.js';
import { State } from './constants.js';
import type { SavePolicy } from './save-policy.js';

export interface PostState extends HomeHandoff {
  readonly save: SavePolicy;
  /** The `cache` input: with it on and no `cache` below, main stopped before the restore. */
  readonly cacheOn: boolean;
  /** What the restore handed over; absent when the cache is off or main stopped before it. */
  readonly cache?: CacheHandoff;
}

export function keepForPost(state: PostState): void {
  core.saveState(State.post, JSON.stringify(state));
}

/** Undefined when main stopped before it knew the plan. */
export function stateFromMain(): PostState | undefined {
  const raw = core.getState(State.post);
  return raw ? (JSON.parse(raw) as PostState) : undefined;
}
