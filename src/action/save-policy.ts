// When post saves the cache. Caches written by pull requests and feature branches are only
// visible to that branch (and crowd out the default branch's under the size limit), so a
// repository can keep saving to its default branch only.
import { readFileSync } from 'node:fs';
import type { SAVE_POLICIES } from '../core/options/options.js';

export type SavePolicy = (typeof SAVE_POLICIES)[number];

/** Why this run does not save, or undefined when it does. */
export function saveRefusal(policy: SavePolicy, env: NodeJS.ProcessEnv): string | undefined {
  if (policy === 'always') return undefined;
  if (policy === 'never') return 'input save is never';
  const branch = defaultBranch(env.GITHUB_EVENT_PATH);
  if (branch === undefined) return 'input save is default-branch, and the event payload names no default branch';
  const ref = env.GITHUB_REF ?? '';
  return ref === `refs/heads/${branch}` ? undefined : `input save is default-branch (${branch}), and this run is on ${ref || 'no ref'}`;
}

/** The cache registry's mode when none is given: only the default branch writes, so a fork's pull request cannot. */
export function cacheRegistryDefault(env: NodeJS.ProcessEnv): { mode: 'read' | 'readwrite'; why: string } {
  const branch = defaultBranch(env.GITHUB_EVENT_PATH);
  const ref = env.GITHUB_REF ?? '';
  if (branch !== undefined && ref === `refs/heads/${branch}`) return { mode: 'readwrite', why: `the default branch (${branch})` };
  return { mode: 'read', why: branch === undefined ? 'the event payload names no default branch' : `not the default branch (${ref || 'no ref'})` };
}

function defaultBranch(eventPath: string | undefined): string | undefined {
  if (!eventPath) return undefined;
  try {
    const event = JSON.parse(readFileSync(eventPath, 'utf8')) as { repository?: { default_branch?: unknown } };
    const branch = event.repository?.default_branch;
    return typeof branch === 'string' && branch !== '' ? branch : undefined;
  } catch {
    return undefined;
  }
}
