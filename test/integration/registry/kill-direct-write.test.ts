// SIGKILL at any point of a direct write into the preload storage: whatever is on disk
// afterwards is whole (every blob hashes to its name, every link names a blob, every tag a
// complete image), the registry serves it as such, and a rerun completes.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import { PreloadStore } from '../../../src/core/storage/preload-store.js';
import { runCopyChild } from '../../support/child-runner.js';
import { pushGeneratedBlob } from '../../support/generated-blob.js';
import { startProxy, type Proxy } from '../../support/http-proxy.js';
import { image, imageConfig, imageManifest, pushBlob, pushManifest, textLayer, type BuiltManifest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { storageProblems } from '../../support/storage-check.js';

const IMAGES = 10;
const SHARED_BYTES = 40 * 1024 * 1024;
const base = textLayer('kill-base', 200);

describe('SIGKILL during a direct write', () => {
  let upstream: RegistryServer;
  let proxy: Proxy;
  let refs: string[];
  let shared: { digest: string; size: number };

  beforeAll(async () => {
    upstream = await RegistryServer.start();
    shared = await pushGeneratedBlob(upstream, 'team/app0', 'kill-shared', SHARED_BYTES);
    const built: BuiltManifest[] = [];
    for (let i = 0; i < IMAGES; i++) {
      const repository = `team/app${i}`;
      const own = textLayer(`kill-app-${i}`, 30);
      const layers = [{ ...shared, bytes: Buffer.alloc(0), diffId: shared.digest }, base, own];
      const config = imageConfig({ os: 'linux', architecture: 'amd64' }, layers, `app${i}`);
      await pushBlob(upstream, repository, config);
      if (i > 0) await fetch(`${upstream.url}/v2/${repository}/blobs/uploads/?mount=${shared.digest}&from=team/app0`, { method: 'POST' });
      const manifest = imageManifest(config, [{ ...shared, bytes: Buffer.alloc(0) }, base, own]);
      await pushManifest({ url: upstream.url }, repository, '1', { ...manifest, blobs: [config, base, own] });
      built.push(manifest);
    }
    expect(built).toHaveLength(IMAGES);
    proxy = await startProxy(upstream.url, { blobBytesPerSecond: 32 * 1024 * 1024 });
    refs = Array.from({ length: IMAGES }, (_, i) => `${proxy.host}/team/app${i}:1`);
    // A pinned multi-image ref as well, so manifests by digest are in the mix.
    refs.push(`${proxy.host}/team/solo@${(await pushSolo(upstream)).digest}`);
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await upstream?.dispose();
  });

  // Event lines: every image starts first (11 lines), then blobs and images finish; the
  // child reports the 40 MB shared layer every 8 MB, so its n-th report is mid-write.
  it.each([
    ['as the first image starts', { lines: 1 }],
    ['8 MB into the shared layer', { sharedReport: 1 }],
    ['24 MB into the shared layer', { sharedReport: 3 }],
    ['mid-way through the images', { lines: 16 }],
    ['late', { lines: 24 }],
    ['just before the end', { lines: 32 }],
  ])('killed %s: nothing half-written is served, and a rerun completes', async (_, when: { lines?: number; sharedReport?: number }) => {
    const root = mkdtempSync(join(tmpdir(), 'sew-kill-'));
    try {
      let lines = 0;
      let sharedReports = 0;
      let finished = false;
      const child = await runCopyChild({ refs, target: root, upstream: proxy.url }, (line) => {
        if (line['type'] === 'done') finished = true;
        if (line['type'] === 'blob-progress' && line['digest'] === shared.digest && Number(line['bytes']) < shared.size) sharedReports++;
        if (++lines === when.lines || (when.sharedReport !== undefined && sharedReports === when.sharedReport)) child.process.kill('SIGKILL');
      });
      const exit = await child.exited;
      expect(finished ? 0 : exit).toBe(finished ? 0 : 'SIGKILL');
      expect(await storageProblems(root)).toEqual([]);

      const served = await RegistryServer.start({ root });
      try {
        const store = new PreloadStore(root);
        for (const ref of refs) {
          const parsed = parseReference(ref);
          const repository = `${hostNamespace(parsed.host)}/${parsed.repository}`;
          const digest = await store.resolve(repository, parsed.tag ?? parsed.digest!);
          if (digest !== undefined) await expectServedWhole(served, repository, digest);
        }
      } finally {
        await served.dispose();
      }

      const rerun = await copyImages(
        refs.map((r) => ({ source: parseReference(r) })),
        { target: { root }, upstream: () => ({ url: upstream.url }), platforms: ['linux/amd64'], credentials: async () => undefined },
      );
      expect(rerun.results.map((r) => r.error)).toEqual(refs.map(() => undefined));
      expect(await storageProblems(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }, 120_000);
});

async function pushSolo(upstream: RegistryServer): Promise<BuiltManifest> {
  const solo = image([textLayer('kill-solo', 50)], undefined, 'solo');
  await pushManifest(upstream, 'team/solo', 'x', solo);
  return solo;
}

/** The registry serves the manifest and every blob it names, each with the bytes its digest names. */
async function expectServedWhole(registry: RegistryServer, repository: string, digest: string): Promise<void> {
  const accept = 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json';
  const reply = await fetch(`${registry.url}/v2/${repository}/manifests/${digest}`, { headers: { accept } });
  expect(reply.status, `${repository}@${digest}`).toBe(200);
  const bytes = Buffer.from(await reply.arrayBuffer());
  expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`).toBe(digest);
  const manifest = JSON.parse(bytes.toString('utf8')) as { config: { digest: string }; layers: { digest: string }[] };
  for (const { digest: blob } of [manifest.config, ...manifest.layers]) {
    const body = await fetch(`${registry.url}/v2/${repository}/blobs/${blob}`);
    expect(body.status, `${repository} blob ${blob}`).toBe(200);
    expect(`sha256:${createHash('sha256').update(Buffer.from(await body.arrayBuffer())).digest('hex')}`).toBe(blob);
  }
}
