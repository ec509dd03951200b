// What the CircleCI and GitLab wrappers run around their cache save, with the real CLI,
// Docker and registries: `up --verify`, then `cache-prune` after the plan dropped an image
// (the preload registry stopped, the dropped image's own blobs gone, the shared base kept),
// then `up` again serving the kept image from the pruned data without copying. And the
// upstream index the copier keeps beside a one-platform preload survives the prune, so the
// run after it decides every hit by HEAD alone.
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storedBlobs } from '../../../src/core/storage/layout.js';
import { cli } from '../../support/cli.js';
import { startProxy, type Proxy } from '../../support/http-proxy.js';
import { image, imageIndex, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeRegistries, requireWorld } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const one = image([textLayer('cli-prune-base', 10), textLayer('cli-prune-one')], undefined, 'one');
const two = image([textLayer('cli-prune-base', 10), textLayer('cli-prune-two')], undefined, 'two');
let upstream: Upstream;
let home: string;
const env = () => ({ HOME: dirname(home), SEW_HOME: home, PATH: process.env.PATH });
const project = (refs: string[]) =>
  writeTree({ 'sew.yaml': `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${refs.join(', ')}]\n` });
const multi = imageIndex([
  { manifest: image([textLayer('cli-prune-multi-amd64')]), platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: image([textLayer('cli-prune-multi-arm64')], { os: 'linux', architecture: 'arm64' }), platform: { os: 'linux', architecture: 'arm64' } },
]);
const digests = (m: typeof one) => [m.digest, ...m.blobs.map((b) => b.digest)];

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/one', '1', one);
  await pushManifest(upstream, 'team/two', '1', two);
  await pushManifest(upstream, 'team/multi', '1', multi);
  // The default home (HOME/.sew), whose preload registry is named sew-preload.
  home = join(tempDir('sew-home-'), '.sew');
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), removeRegistries()]);
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

describe('a one-platform preload of a multi-platform tag, pruned between two runs', () => {
  let proxy: Proxy;
  let multiHome: string;
  let dir: string;
  const run = (args: string[]) => cli(args, dir, { HOME: dirname(multiHome), SEW_HOME: multiHome, PATH: process.env.PATH });
  const manifestGets = () => proxy.seen.filter((r) => r.method === 'GET' && r.path.includes('/manifests/'));

  beforeAll(async () => {
    // Every upstream request counted: the registry is reached through a proxy on the host.
    proxy = await startProxy(upstream.url);
    // A home of its own (its own registry names), beside the default one above.
    multiHome = tempDir('sew-home-');
    dir = writeTree({
      'sew.yaml': `images:\n  registries:\n    upstream.test:5900: {url: "${proxy.url}"}\n  preload:\n    refs: [upstream.test:5900/team/multi:1, upstream.test:5900/team/one:1]\n    platforms: [linux/amd64]\n`,
    });
  });
  afterAll(async () => proxy?.close());

  it('up, cache-prune, up again: the second up sends no manifest GET upstream', async () => {
    const first = await run(['up', '--no-cluster']);
    expect(first.code, first.stderr).toBe(0);
    expect(manifestGets().length).toBeGreaterThan(0);
    const prune = await run(['cache-prune']);
    expect(prune.code, prune.stderr).toBe(0);
    expect(prune.stdout).toMatch(/^removed 0 blob\(s\)/);
    expect(await storedBlobs(join(multiHome, 'preload'))).toContain(multi.digest);

    const before = proxy.seen.length;
    const second = await run(['up', '--no-cluster', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).preload.images.map((i: { source: string }) => i.source)).toEqual(['hit', 'hit']);
    const after = proxy.seen.slice(before);
    expect(after.filter((r) => r.method === 'GET' && r.path !== '/v2/')).toEqual([]);
    expect(after.filter((r) => r.method === 'HEAD').length).toBe(2);
  });
});
