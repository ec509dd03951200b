// When post saves, and why @actions/cache declined a save, named from what it printed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declineReason } from '../../../src/action/github-cache.js';
import { readInputs } from '../../../src/action/inputs.js';
import { saveRefusal } from '../../../src/action/save-policy.js';
import { tempDir } from '../../support/tree.js';

const event = (payload: string) => {
  const path = join(tempDir('event-'), 'event.json');
  writeFileSync(path, payload);
  return path;
};
const main = event('{"repository": {"default_branch": "main"}}');

describe('save policy', () => {
  it.each([
    ['always', {}, undefined],
    ['never', { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: main }, 'input save is never'],
    ['default-branch', { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: main }, undefined],
    ['default-branch', { GITHUB_REF: 'refs/heads/feature', GITHUB_EVENT_PATH: main }, 'input save is default-branch (main), and this run is on refs/heads/feature'],
    ['default-branch', { GITHUB_REF: 'refs/pull/7/merge', GITHUB_EVENT_PATH: main }, 'input save is default-branch (main), and this run is on refs/pull/7/merge'],
    ['default-branch', { GITHUB_REF: 'refs/tags/main', GITHUB_EVENT_PATH: main }, 'input save is default-branch (main), and this run is on refs/tags/main'],
    ['default-branch', { GITHUB_REF: 'refs/heads/main' }, 'input save is default-branch, and the event payload names no default branch'],
    ['default-branch', { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: event('{}') }, 'input save is default-branch, and the event payload names no default branch'],
    ['default-branch', { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: event('not json') }, 'input save is default-branch, and the event payload names no default branch'],
  ] as const)('%s with %j: %s', (policy, env, refusal) => {
    expect(saveRefusal(policy, env)).toBe(refusal);
  });

  it('the input takes the three policies, default always', () => {
    const read = (save: string) => readInputs((name) => (name === 'save' ? save : '')).save;
    expect([read(''), read('never'), read(' default-branch ')]).toEqual(['always', 'never', 'default-branch']);
    expect(() => read('main')).toThrow('input save: must be always, default-branch, never');
  });
});

describe('why @actions/cache declined a save', () => {
  it.each([
    [['Failed to save: Unable to reserve cache with key k, another job may be creating this cache.'], 'Unable to reserve cache with key k, another job may be creating this cache.'],
    [['::warning::Cache reservation failed: cache size over limit', 'Failed to save: Unable to reserve cache with key k, another job may be creating this cache.'], 'cache size over limit'],
    [['::error::Failed to save: 503 Service Unavailable%0Aretry later'], '503 Service Unavailable retry later'],
    [["Cache save skipped: the effective cache-mode 'read' does not permit writes."], "the effective cache-mode 'read' does not permit writes."],
    [['Cache Size: ~10 MB', '::warning::Unable to finalize cache with key k'], 'Unable to finalize cache with key k'],
    [['Cache Size: ~10 MB'], 'the cache service declined it without a reason'],
  ])('%j: %s', (lines, reason) => {
    expect(declineReason(lines)).toBe(reason);
  });
});
