// The job summary's words: how a run ended, each cache entry's fate, and post's save.
import { describe, expect, it } from 'vitest';
import { saveSummary, summaryMarkdown } from '../../../src/action/summary.js';

describe('the job summary', () => {
  it.each([
    {
      name: 'a failure before the plan was known',
      run: { failure: { message: 'input wait: must be a duration' }, caches: [], warnings: [], timings: [] },
      lines: ['## sew-ci', '**Failed**: input wait: must be a duration', 'Cache: off'],
    },
    {
      name: 'a failure in a phase, with what the restore did and the warnings so far',
      run: {
        cluster: 'sew',
        failure: { phase: 'Connect to Docker', message: 'cannot reach the Docker daemon | at /var/run/docker.sock' },
        caches: [
          { name: 'registry data', key: 'sew-v1-abc', restoredKey: 'sew-v1-abc-0011', exact: true },
          { name: 'node image', key: 'sew-node-v1', exact: false },
        ],
        warnings: ['registry.example: slow'],
        timings: [{ name: 'Restore cache', ms: 1200 }, { name: 'Connect to Docker', ms: 30, failed: true as const }],
      },
      lines: [
        '## sew-ci: cluster `sew`',
        '**Failed** in phase *Connect to Docker*: cannot reach the Docker daemon \\| at /var/run/docker.sock',
        '| registry data | `sew-v1-abc` | `sew-v1-abc-0011` (this plan’s) |',
        '| node image | `sew-node-v1` | none |',
        '- registry.example: slow',
        '| Restore cache | 1.2 |',
        '| Connect to Docker (failed) | 0.0 |',
      ],
    },
    {
      name: 'a fallback restore',
      run: { cluster: 'sew', caches: [{ name: 'registry data', key: 'sew-v1-new', restoredKey: 'sew-v1-old-0011', exact: false }], warnings: [], timings: [] },
      lines: ['| registry data | `sew-v1-new` | `sew-v1-old-0011` (fallback: the nearest cache) |'],
    },
  ])('$name', ({ run, lines }) => {
    const text = summaryMarkdown(run).split('\n');
    for (const line of lines) expect(text).toContain(line);
  });

  it('post’s part: saved, or why not, per entry, and what the prune did', () => {
    const text = saveSummary([
      { name: 'registry data', outcome: { saved: true, key: 'sew-v1-abc-0022', pruned: 'removed 1 blob(s) (2 KB)' } },
      { name: 'node image', outcome: { saved: false, key: 'sew-node-v1-0033', reason: 'unchanged since it was restored' } },
      { name: 'tools', outcome: { saved: false, reason: 'input save is never' } },
    ]);
    expect(text.split('\n')).toEqual([
      '### sew-ci: cache save',
      '',
      '| cache | saved |',
      '|---|---|',
      '| registry data | `sew-v1-abc-0022` |',
      '| node image | no: unchanged since it was restored (`sew-node-v1-0033`) |',
      '| tools | no: input save is never |',
      '',
      'Pruned registry data: removed 1 blob(s) (2 KB).',
      '',
    ]);
  });
});
