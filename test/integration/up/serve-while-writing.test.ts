// The preload storage is written behind a running registry:2 (the image sew-ci starts, with
// its in-memory blob-descriptor cache). Whatever the registry was asked before a write
// (misses, an older tag and its blobs) must not shadow what was written: checked over HTTP
// and by a real containerd node pull.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHostsFiles } from '../../../src/core/containerd/hosts.js';
import { writeHostsDir } from '../../../src/core/adapters/hosts-files.js';
import { ensureRegistry, waitForRegistry, type RunningRegistry } from '../../../src/core/adapters/containers/registry.js';
import { dockerEngine } from '../../../src/core/docker/dockerode-engine.js';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import { image, manifestDigest, pushManifest, textLayer, type BuiltManifest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { removeContainers, requireWorld } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';

const NAME = 'sewtest-serve-while-writing';
const base = textLayer('serve-base', 80);
const first = image([base, textLayer('serve-first')], undefined, 'first');
const second = image([base, textLayer('serve-second')], undefined, 'second');

let upstream: RegistryServer;
let registry: RunningRegistry;
let node: Node;
let data: string;
let hostsDir: string;

beforeAll(async () => {
  await requireWorld();
  upstream = await RegistryServer.start();
  data = mkdtempSync(join(tmpdir(), 'sew-serving-'));
  hostsDir = mkdtempSync(join(tmpdir(), 'sew-serving-hosts-'));
  registry = await ensureRegistry(dockerEngine(process.env), { name: NAME, role: 'preload', home: 'sewtest-serving', image: 'registry:2', dataDir: data, network: 'kind' });
  await waitForRegistry(registry.url);
  const files = renderHostsFiles({ preloadHosts: [upstream.host], preloadContainer: NAME, mirrors: [], upstreamUrl: () => upstream.url });
  await writeHostsDir(hostsDir, files);
  node = await startNode({ name: 'sewtest-serving-node', hostsDir });
}, 120_000);

afterAll(async () => {
  await Promise.all([node?.remove(), removeContainers(NAME), upstream?.dispose()]);
  rmSync(data, { recursive: true, force: true });
  rmSync(hostsDir, { recursive: true, force: true });
});

const copy = () =>
  copyImages([{ source: parseReference(`${upstream.host}/team/app:1`) }], {
    target: { root: data },
    upstream: () => ({ url: upstream.url }),
    platforms: ['linux/amd64'],
    credentials: async () => undefined,
  });

/** What the running registry serves under the tag, every blob fetched and hashed. */
async function served(repository: string, expected: BuiltManifest): Promise<void> {
  expect(await manifestDigest(registry, repository, '1')).toBe(expected.digest);
  for (const blob of expected.blobs) {
    const reply = await fetch(`${registry.url}/v2/${repository}/blobs/${blob.digest}`);
    expect(reply.status, blob.digest).toBe(200);
    expect(`sha256:${createHash('sha256').update(Buffer.from(await reply.arrayBuffer())).digest('hex')}`).toBe(blob.digest);
  }
}

describe('files written behind a running registry:2', () => {
  it('are served at once, never shadowed by earlier misses or an earlier tag', async () => {
    const repository = `${hostNamespace(upstream.host)}/team/app`;
    const ref = `${upstream.host}/team/app:1`;
    await pushManifest(upstream, 'team/app', '1', first);

    // Misses first: the registry has been asked for everything before it exists.
    expect(await manifestDigest(registry, repository, '1')).toBeUndefined();
    for (const blob of [...first.blobs, ...second.blobs]) {
      expect((await fetch(`${registry.url}/v2/${repository}/blobs/${blob.digest}`, { method: 'HEAD' })).status).toBe(404);
    }

    expect((await copy()).results[0]).toMatchObject({ source: 'copied', digest: first.digest });
    await served(repository, first);
    expect(await node.pull(ref)).toBe(first.digest);

    // The tag moves upstream; the registry has just served (and cached) the old image.
    await pushManifest(upstream, 'team/app', '1', second);
    expect((await copy()).results[0]).toMatchObject({ source: 'copied', digest: second.digest });
    await served(repository, second);
    await node.clearImages();
    expect(await node.pull(ref)).toBe(second.digest);
  });
});
