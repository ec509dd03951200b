// What the CircleCI and GitLab wrappers run around their cache save, with the real CLI,
// Docker and registries: `up --verify`, then `cache-prune` after the plan dropped an image
// (the preload registry stopped, the dropped image's own blobs gone, the shared base kept),
// then `up` again serving the kept image from the pruned data without copying.
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBlobs } from '../../../src/core/storage/layout.js';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeContainers, requireWorld } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const one = image([textLayer('cli-prune-base', 10), textLayer('cli-prune-one')], undefined, 'one');
const two = image([textLayer('cli-prune-base', 10), textLayer('cli-prune-two')], undefined, 'two');
let upstream: Upstream;
let home: string;
const env = () => ({ HOME: dirname(home), SEW_HOME: home, PATH: process.env.PATH });
const project = (refs: string[]) =>
  writeTree({ 'sew.yaml': `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${refs.join(', ')}]\n` });
const digests = (m: typeof one) => [m.digest, ...m.blobs.map((b) => b.digest)];

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/one', '1', one);
  await pushManifest(upstream, 'team/two', '1', two);
  // The default home (HOME/.sew), whose preload registry is named sew-preload.
  home = join(tempDir('sew-home-'), '.sew');
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), removeContainers('sew-preload')]);
});

describe('cache-prune and up --verify through the CLI', () => {
  it('up --verify preloads and checks both images', async () => {
    const run = await cli(['up', '--no-cluster', '--verify'], project(['upstream.test:5900/team/one:1', 'upstream.test:5900/team/two:1']), env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('verified: 2 of 2 preloaded image(s) complete');
  });

  it('cache-prune stops the preload registry and removes what the plan dropped', async () => {
    const run = await cli(['cache-prune'], project(['upstream.test:5900/team/one:1']), env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^removed 3 blob\(s\) \([^)]+\), 1 repositories and 0 tag\(s\) the plan no longer preloads\n$/);
    expect(await docker('inspect', '--format', '{{.State.Running}}', 'sew-preload')).toBe('false');
    expect((await storedBlobs(join(home, 'preload'))).sort()).toEqual(digests(one).sort());
  });

  it('the next up serves the kept image from the pruned data, copying nothing', async () => {
    const run = await cli(['up', '--no-cluster', '--verify', '--json'], project(['upstream.test:5900/team/one:1']), env());
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.preload.images).toEqual([expect.objectContaining({ ref: 'upstream.test:5900/team/one:1', source: 'hit', bytesCopied: 0 })]);
    expect(report.verified).toEqual([expect.objectContaining({ ok: true, digest: one.digest })]);
  });
});
