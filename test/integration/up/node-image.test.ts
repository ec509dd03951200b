// The Kind node image into a real Docker daemon from its own storage: cold from the upstream,
// warm from the storage with the upstream gone, and a daemon that already has it left alone.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/core/docker/dockerode-engine.js';
import { hostPlatformName } from '../../../src/core/oci/platform.js';
import { nodeImageLoader } from '../../../src/core/preload/node-image.js';
import type { NodeImages } from '../../../src/core/ports/node-image.js';
import { image, imageIndex, pushManifest, textLayer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, requireWorld } from '../../world/docker.js';

const platform = hostPlatformName();
const [os, architecture] = platform.split('/') as [string, string];
const ours = image([textLayer('node-base', 200), textLayer('node-kubelet', 120)], { os, architecture }, 'node');
const other = image([textLayer('node-other', 200)], { os, architecture: architecture === 'amd64' ? 'arm64' : 'amd64' }, 'other');
const index = imageIndex([
  { manifest: ours, platform: { os, architecture } },
  { manifest: other, platform: { os, architecture: architecture === 'amd64' ? 'arm64' : 'amd64' } },
]);
const ourBytes = ours.blobs.reduce((sum, b) => sum + b.size, 0);

let upstream: RegistryServer;
const made: string[] = [];

beforeAll(async () => {
  await requireWorld();
  upstream = await RegistryServer.start();
  await pushManifest(upstream, 'kindest/node', 'v1.31.0', index);
});

afterAll(async () => {
  await upstream?.dispose();
  await Promise.all(made.map((ref) => docker('rmi', '-f', ref).catch(() => undefined)));
});

async function planFor(home: string) {
  const project = writeTree({ 'sew.yaml': `kind:\n  name: node-image-test\nimages:\n  registries:\n    ${upstream.host}: {url: "${upstream.url}"}\n` });
  const env = { HOME: project, PATH: process.env.PATH };
  return { env, plan: await resolvePlan({ cwd: project, env, sewHome: home, nodeImage: `${upstream.host}/kindest/node:v1.31.0@${index.digest}` }) };
}

function loader(env: NodeJS.ProcessEnv): NodeImages {
  return nodeImageLoader(env, async () => undefined, () => connectEngine(env));
}

describe('the node image into the Docker daemon', () => {
  it('a daemon that pulled the pinned image itself (as kind does) is left alone, and kind is given that ref', async () => {
    const { env, plan } = await planFor(tempDir('sew-home-'));
    const pinned = `${upstream.host}/kindest/node:v1.31.0@${index.digest}`;
    made.push(pinned, `${upstream.host}/kindest/node:v1.31.0`);
    await docker('pull', pinned);
    const report = await loader(env).ensure(plan, () => undefined);
    expect(report).toEqual({ ref: plan.nodeImage!.ref, stored: 'copied', bytesFetched: ourBytes, daemon: 'present', image: plan.nodeImage!.ref });
    await expect(docker('image', 'inspect', plan.nodeImage!.stored!.localTag)).rejects.toThrow();
    await docker('rmi', pinned);
  });

  it('cold: copied (its platform only) and loaded; again: left alone; warm with the upstream gone: from the storage, nothing fetched', async () => {
    const home = tempDir('sew-home-');
    const { env, plan } = await planFor(home);
    const stored = plan.nodeImage!.stored!;
    made.push(stored.localTag);
    expect(stored.data).toBe(join(home, 'node-image'));

    const cold = await loader(env).ensure(plan, () => undefined);
    expect(cold).toEqual({ ref: plan.nodeImage!.ref, stored: 'copied', bytesFetched: ourBytes, daemon: 'loaded', image: stored.localTag });
    // What Docker holds is the stored image: its layers are the config's diff_ids.
    const diffIds = JSON.parse(ours.blobs[0]!.bytes.toString()).rootfs.diff_ids;
    expect(JSON.parse(await docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', stored.localTag))).toEqual(diffIds);

    const again = await loader(env).ensure(plan, () => undefined);
    expect(again).toEqual({ ref: plan.nodeImage!.ref, stored: 'hit', bytesFetched: 0, daemon: 'present', image: stored.localTag });

    // A fresh home restored from the first one's cache path, the image gone from the daemon, the upstream down.
    await docker('rmi', stored.localTag);
    const fresh = tempDir('sew-home-');
    await cp(stored.data, join(fresh, 'node-image'), { recursive: true });
    await upstream.stop();
    const restored = await planFor(fresh);
    const warm = await loader(restored.env).ensure(restored.plan, () => undefined);
    expect(warm).toEqual({ ref: plan.nodeImage!.ref, stored: 'hit', bytesFetched: 0, daemon: 'loaded', image: stored.localTag });
    expect(JSON.parse(await docker('image', 'inspect', '--format', '{{json .RootFS.Layers}}', stored.localTag))).toEqual(diffIds);
  });
});
