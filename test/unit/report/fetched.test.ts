// What a run says it fetched: one line, nothing on a warm run, each source that fetched otherwise;
// the job summary says the same.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../../src/action/summary.js';
import { fetchedLine, withTools } from '../../../src/core/fetched.js';
import { up } from '../../../src/core/up.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { writeTree } from '../../support/tree.js';
import { fakePorts } from '../up/fake-ports.js';

describe('bytes fetched', () => {
  it.each([
    { fetched: { preload: 0, nodeImage: 0, tools: 0, total: 0 }, line: 'fetched from the network: nothing (every image from the cache)' },
    { fetched: { preload: 2048, nodeImage: 0, tools: 0, total: 2048 }, line: 'fetched from the network: 2.0 KB (preload copies 2.0 KB)' },
    { fetched: { preload: 1024, nodeImage: 3 * 1024 * 1024, tools: 0, total: 3 * 1024 * 1024 + 1024 }, line: 'fetched from the network: 3.0 MB (preload copies 1.0 KB, node image 3.0 MB)' },
    { fetched: withTools({ preload: 0, nodeImage: 0, tools: 0, total: 0 }, 4096), line: 'fetched from the network: 4.0 KB (tools 4.0 KB)' },
  ])('$line', ({ fetched, line }) => {
    expect(fetchedLine(fetched)).toBe(line);
  });

  it.each([
    { world: { nodeImageStored: true }, line: 'Fetched from the network: nothing (every image from the cache).' },
    { world: {}, line: 'Fetched from the network: 400 B (node image 400 B).' },
  ])('the job summary says it in one line: $line', async ({ world, line }) => {
    const root = writeTree({ 'p/sew.yaml': '' });
    const plan = await resolvePlan({ cwd: join(root, 'p'), env: { HOME: root }, sewHome: join(root, 'h'), nodeImage: `kindest/node:v1.31.0@sha256:${'5'.repeat(64)}` });
    const { ports } = fakePorts(world);
    const summary = summaryMarkdown({ cluster: plan.cluster.name, caches: [], result: await up(plan, ports), warnings: [], timings: [] });
    expect(summary.split('\n').filter((l) => l.startsWith('Fetched from the network'))).toEqual([line]);
    expect(summary).toContain('Node image `docker.io/kindest/node:v1.31.0@sha256:');
  });
});
