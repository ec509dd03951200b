// What the main step hands to the post step, through the runner's step state (plain text:
// never anything secret).
import * as core from '@actions/core';
import type { CacheHandoff } from '../core/cache/handoff.js';
import { State } from './constants.js';
import type { SavePolicy } from './save-policy.js';

export interface PostState extends CacheHandoff {
  readonly save: SavePolicy;
}

export function keepForPost(state: PostState): void {
  core.saveState(State.cache, JSON.stringify(state));
}

/** Undefined when the cache is off, or main stopped before it restored. */
export function stateFromMain(): PostState | undefined {
  const raw = core.getState(State.cache);
  return raw ? (JSON.parse(raw) as PostState) : undefined;
}
