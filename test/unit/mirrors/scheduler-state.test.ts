import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { refreshSchedulerState } from '../../../src/core/adapters/containers/scheduler-state.js';
import { writeTree } from '../../support/tree.js';

describe('refreshSchedulerState', () => {
  it('moves every expiry a full TTL past now, keeping the entries', async () => {
    const state = {
      'team/app@sha256:aa': { Key: 'team/app@sha256:aa', ExpiryData: '2020-01-01T00:00:00Z', EntryType: 1 },
      'team/app@sha256:bb': { Key: 'team/app@sha256:bb', ExpiryData: '2020-01-01T00:00:00Z', EntryType: 0 },
    };
    const dir = writeTree({ 'scheduler-state.json': JSON.stringify(state) });
    const now = new Date('2026-11-25T00:00:00Z');
    expect(await refreshSchedulerState(dir, now)).toBe(2);
    const after = JSON.parse(readFileSync(join(dir, 'scheduler-state.json'), 'utf8'));
    expect(Object.keys(after)).toEqual(Object.keys(state));
    for (const entry of Object.values(after) as { ExpiryData: string; EntryType: number }[]) {
      expect(entry.ExpiryData).toBe('2026-12-02T00:00:00.000Z');
    }
    expect(after['team/app@sha256:bb'].EntryType).toBe(0);
  });

  it.each([
    ['no state file', {}],
    ['a state file that is not JSON', { 'scheduler-state.json': '{oops' }],
  ])('leaves %s alone', async (_, files) => {
    const dir = writeTree(files);
    expect(await refreshSchedulerState(dir)).toBe(0);
  });
});
