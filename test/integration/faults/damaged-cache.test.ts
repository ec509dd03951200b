// A restored cache with a corrupted blob: detected by digest, never served, fetched again
// when the upstream is reachable, a clear error naming the image when it is not.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropDamagedBlobsIn } from '../../../src/core/cache/verify.js';
import { blobDataPath } from '../../../src/core/storage/layout.js';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { requireWorld, removeRegistries } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const app = image([textLayer('damaged-base', 20), textLayer('damaged-app')], undefined, 'damaged');
const layer = app.blobs.at(-1)!;
let upstream: Upstream;
let node: Node | undefined;
let home: string;
let project: string;
const up = () => cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, PATH: process.env.PATH });

/** As on a new runner: the registry starts only after the cache is restored (and checked). */
async function corruptRestoredCache(): Promise<void> {
  await removeRegistries();
  const data = blobDataPath(join(home, 'preload'), layer.digest);
  const bytes = readFileSync(data);
  bytes[100] = bytes[100]! ^ 0xff;
  writeFileSync(data, bytes);
}

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/app', '1', app);
  home = tempDir('sew-home-');
  project = writeTree({ 'sew.yaml': 'images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/app:1]\n' });
  expect((await up()).code).toBe(0);
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), node?.remove(), removeRegistries()]);
});

describe('a restored cache with a damaged blob', () => {
  it('is found by digest and dropped; the upstream gives it again', async () => {
    await corruptRestoredCache();
    const check = await dropDamagedBlobsIn([join(home, 'preload')]);
    expect(check.removed).toEqual([layer.digest]);
    expect(check.checked).toBe(app.blobs.length + 1);
    const { code, stdout } = await up();
    expect(code).toBe(0);
    const [entry] = JSON.parse(stdout).preload.images;
    expect(entry).toMatchObject({ source: 'copied', bytesCopied: layer.size, digest: app.digest });
    await upstream.stop();
    node = await startNode({ name: 'sewtest-node-damaged', hostsDir: join(home, 'mirrors', 'hosts') });
    expect(await node.pull('upstream.test:5900/team/app:1')).toBe(app.digest);
    await upstream.start();
  });

  it('with the upstream down: a clear error naming the image, never the damaged bytes', async () => {
    await corruptRestoredCache();
    await dropDamagedBlobsIn([join(home, 'preload')]);
    await upstream.stop();
    const { code, stdout, stderr } = await up();
    expect(code).toBe(1);
    const [entry] = JSON.parse(stdout).preload.images;
    expect(entry.error).toMatch(/^upstream\.test:5900\/team\/app:1: upstream upstream\.test:5900 unreachable .* and the preloaded copy is missing blobs/);
    expect(stderr).not.toContain('\n    at ');
    await node!.clearImages();
    await expect(node!.pull('upstream.test:5900/team/app:1')).rejects.toThrow();
    await upstream.start();
  });
});
