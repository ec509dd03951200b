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
    { fetched: { preload: 0, nodeImage: 0, tools: 0, total: 0 }, line: 'fetched from the network: nothing' },
    { fetched: { preload: 2048, nodeImage: 0, tools: 0, total: 2048 }, line: 'fetched from the network: 2.0 KB (preload copies 2.0 KB)' },
    { fetched: { preload: 1024, nodeImage: 3 * 1024 * 1024, tools: 0, total: 3 * 1024 * 1024 + 1024 }, line: 'fetched from the network: 3.0 MB (preload copies 1.0 KB, node image 3.0 MB)' },
    { fetched: withTools({ preload: 0, nodeImage: 0, tools: 0, total: 0 }, 4096), line: 'fetched from the network: 4.0 KB (tools 4.0 KB)' },
    // kind's own pull of a node image sew-ci did not put into Docker is not seen: never "nothing" then.
    { fetched: { preload: 0, nodeImage: 0, tools: 0, total: 0, kindMayPull: true as const }, line: 'fetched from the network: no image of sew-ci; not counted: the node image, if kind pulled it' },
    { fetched: { preload: 2048, nodeImage: 0, tools: 0, total: 2048, kindMayPull: true as const }, line: 'fetched from the network: 2.0 KB (preload copies 2.0 KB); not counted: the node image, if kind pulled it' },
  ])('$line', ({ fetched, line }) => {
    expect(fetchedLine(fetched)).toBe(line);
  });

  it.each([
    { world: { nodeImageStored: true }, line: 'Fetched from the network: nothing.' },
    { world: {}, line: 'Fetched from the network: 400 B (node image 400 B).' },
  ])('the job summary says it in one line: $line', async ({ world, line }) => {
    const root = writeTree({ 'p/sew.yaml': '' });
    const plan = await resolvePlan({ cwd: join(root, 'p'), env: { HOME: root }, sewHome: join(root, 'h'), nodeImage: `kindest/node:v1.31.0@sha256:${'5'.repeat(64)}` });
    const { ports } = fakePorts(world);
    const summary = summaryMarkdown({ cluster: plan.cluster.name, caches: [], result: await up(plan, ports), warnings: [], timings: [] });
    expect(summary.split('\n').filter((l) => l.startsWith('Fetched from the network'))).toEqual([line]);
    expect(summary).toContain('Node image `docker.io/kindest/node:v1.31.0@sha256:');
  });

  it.each([
    { name: 'the registry data restored', restored: ['registry data'], label: 'from cache' },
    { name: 'only the node image and a tool restored', restored: ['Kind node image', 'kind binary'], label: 'on disk' },
    { name: 'nothing restored', restored: [], label: 'on disk' },
  ])('an image already stored is labelled by the registry data entry alone: $name', async ({ restored, label }) => {
    const root = writeTree({ 'p/sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n' });
    const plan = await resolvePlan({ cwd: join(root, 'p'), env: { HOME: root }, sewHome: join(root, 'h'), cluster: false });
    const result = await up(plan, fakePorts().ports);
    const hit = { ...result, preload: { ...result.preload, images: result.preload.images.map((i) => ({ ...i, source: 'hit' as const, bytesCopied: 0 })) } };
    const caches = ['registry data', 'Kind node image', 'kind binary'].map((name) => ({ name, key: `k-${name}`, exact: true, ...(restored.includes(name) && { restoredKey: `k-${name}` }) }));
    const row = summaryMarkdown({ cluster: 'sew', caches, result: hit, warnings: [], timings: [] }).split('\n').find((l) => l.startsWith('| `docker.io/library/mongo:7`'));
    expect(row).toContain(`| ${label} |`);
  });
});
