// `sew-ci up --no-cluster` against real upstream registries, then a real containerd node
// pulling every preloaded image with every upstream stopped.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { image, imageIndex, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, requireWorld, removeRegistries } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

let a: Upstream;
let b: Upstream;
let node: Node;
let project: string;
let home: string;
const base = textLayer('base-os', 60);
const apiA = image([base, textLayer('api-a')], undefined, 'a');
const apiB = image([base, textLayer('api-b')], undefined, 'b');
const multi = imageIndex([
  { manifest: image([base, textLayer('multi-amd64')]), platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: image([textLayer('multi-arm64')], { os: 'linux', architecture: 'arm64' }), platform: { os: 'linux', architecture: 'arm64' } },
]);
const pinned = image([base, textLayer('pinned')], undefined, 'pinned');

const up = (...args: string[]) => cli(['up', '--no-cluster', '--json', ...args], project, { SEW_HOME: home, HOME: join(home, '..'), PATH: process.env.PATH });

beforeAll(async () => {
  await requireWorld();
  a = await startUpstream({ alias: 'upstream.test', port: 5900 });
  b = await startUpstream({ alias: 'upstream2.test', port: 5901 });
  await pushManifest(a, 'team/api', '1.4', apiA);
  await pushManifest(b, 'team/api', '1.4', apiB);
  await pushManifest(a, 'team/multi', '1', multi);
  await pushManifest(a, 'team/pinned', 'v1', pinned);
  // The default home (HOME/.sew): sew's own container names and ports.
  home = join(tempDir('sew-home-'), '.sew');
  project = writeTree({
    'sew.yaml': [
      'images:',
      '  registries:',
      '    upstream.test:5900: {url: "http://upstream.test:5900"}',
      '    upstream2.test:5901: {url: "http://upstream2.test:5901"}',
      '  preload:',
      '    refs:',
      '      - upstream.test:5900/team/api:1.4',
      '      - upstream2.test:5901/team/api:1.4',
      '      - upstream.test:5900/team/multi:1',
      `      - upstream.test:5900/team/pinned@${pinned.digest}`,
      '',
    ].join('\n'),
  });
});

afterAll(async () => {
  await Promise.all([a?.remove(), b?.remove(), node?.remove(), removeRegistries()]);
});

describe('preload, cold then warm', () => {
  it('copies every image, digest for digest', async () => {
    const { code, stdout, stderr } = await up();
    expect(stderr).not.toContain('warning');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const byRef = Object.fromEntries(report.preload.images.map((i: { ref: string }) => [i.ref, i]));
    expect(byRef['upstream.test:5900/team/api:1.4']).toMatchObject({ source: 'copied', digest: apiA.digest });
    expect(byRef['upstream2.test:5901/team/api:1.4']).toMatchObject({ source: 'copied', digest: apiB.digest });
    expect(byRef['upstream.test:5900/team/multi:1']).toMatchObject({ source: 'copied', digest: multi.children[0]!.digest });
    expect(byRef[`upstream.test:5900/team/pinned@${pinned.digest}`]).toMatchObject({ source: 'copied', digest: pinned.digest });
    // The shared base layer moved once although three images use it.
    const expected = [base, ...[apiA, apiB, multi.children[0]!, pinned].flatMap((m) => m.blobs.filter((x) => x.digest !== base.digest))];
    expect(report.preload.bytesCopied).toBe(expected.reduce((sum, x) => sum + x.size, 0));
    expect(report.hostsFiles.map((f: string) => f.slice(home.length))).toEqual([
      '/mirrors/hosts/upstream.test:5900/hosts.toml',
      '/mirrors/hosts/upstream2.test:5901/hosts.toml',
    ]);
  });

  it('publishes the preload registry on 127.0.0.1 only', async () => {
    const ports = JSON.parse(await docker('inspect', '--format', '{{json .HostConfig.PortBindings}}', 'sew-preload'));
    expect(ports['5000/tcp'].map((b: { HostIp: string }) => b.HostIp)).toEqual(['127.0.0.1']);
  });

  it('a warm rerun moves nothing', async () => {
    const { code, stdout } = await up();
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.preload.bytesCopied).toBe(0);
    expect(report.preload.images.map((i: { source: string }) => i.source)).toEqual(['hit', 'hit', 'hit', 'hit']);
  });
});

describe('a node with every upstream stopped', () => {
  beforeAll(async () => {
    await a.stop();
    await b.stop();
    node = await startNode({ name: 'sewtest-node-preload', hostsDir: join(home, 'mirrors', 'hosts') });
  });

  it.each([
    ['a tag', 'upstream.test:5900/team/api:1.4', () => apiA.digest],
    ['the same path on another host', 'upstream2.test:5901/team/api:1.4', () => apiB.digest],
    ['a multi-platform tag, for the node’s platform', 'upstream.test:5900/team/multi:1', () => multi.children[0]!.digest],
    ['a digest-pinned ref', `upstream.test:5900/team/pinned@${pinned.digest}`, () => pinned.digest],
  ])('pulls %s', async (_, ref, digest) => {
    expect(await node.pull(ref, { platform: 'linux/amd64' })).toBe(digest());
  });

  it('fails for an image that was never preloaded', async () => {
    await expect(node.pull('upstream.test:5900/team/never:1', { platform: 'linux/amd64' })).rejects.toThrow(/failed/);
  });

  it('keeps going with a warning when the upstream is down and the image is preloaded', async () => {
    const { code, stdout, stderr } = await up();
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: upstream\.test:5900\/team\/api:1\.4: upstream upstream\.test:5900 unreachable/);
    expect(JSON.parse(stdout).preload.bytesCopied).toBe(0);
  });
});
