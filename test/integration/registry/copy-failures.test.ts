import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages, type CopyOptions } from '../../../src/core/preload/copier.js';
import { runCopyChild } from '../../support/child-runner.js';
import { pushGeneratedImage } from '../../support/generated-blob.js';
import { startProxy } from '../../support/http-proxy.js';
import { hasBlob, image, manifestDigest, pushManifest, textLayer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const refs = (...texts: string[]) => texts.map((text) => ({ source: parseReference(text) }));
const app = image([textLayer('fail-base', 60), textLayer('fail-app')], undefined, 'app');
const tool = image([textLayer('fail-base', 60), textLayer('fail-tool')], undefined, 'tool');
const pinned = image([textLayer('fail-pinned')], undefined, 'pinned');
const corruptible = image([textLayer('fail-base', 60), textLayer('fail-corruptible')], undefined, 'corruptible');

function baseOptions(preload: RegistryServer, upstreams: Record<string, string>): CopyOptions {
  return {
    target: { root: preload.dataDir },
    upstream: (host) => ({ url: upstreams[host] ?? `http://${host}` }),
    platforms: ['linux/amd64'],
    credentials: async () => undefined,
  };
}

describe('copyImages when an upstream fails', () => {
  let upstream: RegistryServer;
  let healthy: RegistryServer;
  let preload: RegistryServer;

  beforeAll(async () => {
    [upstream, healthy, preload] = await Promise.all([RegistryServer.start(), RegistryServer.start(), RegistryServer.start()]);
    await pushManifest(upstream, 'team/app', '1', app);
    await pushManifest(upstream, 'team/tool', '1', tool);
    await pushManifest(upstream, 'team/pinned', 'x', pinned);
    await pushManifest(upstream, 'team/corruptible', '1', corruptible);
    await pushManifest(healthy, 'team/other', '1', tool);
  });
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), healthy?.dispose(), preload?.dispose()]);
  });

  it('serves what is preloaded, fails what is not, and copies the rest when an upstream is down', async () => {
    const options = baseOptions(preload, {});
    const first = await copyImages(refs(`${upstream.host}/team/app:1`, `${upstream.host}/team/pinned@${pinned.digest}`), options);
    expect(first.results.map((r) => r.source)).toEqual(['copied', 'copied']);

    await upstream.stop();
    try {
      const report = await copyImages(
        refs(`${upstream.host}/team/app:1`, `${upstream.host}/team/pinned@${pinned.digest}`, `${upstream.host}/team/tool:1`, `${healthy.host}/team/other:1`),
        options,
      );
      const [appResult, pinnedResult, toolResult, otherResult] = report.results;
      expect(appResult).toMatchObject({ source: 'hit', digest: app.digest, bytesCopied: 0 });
      expect(appResult!.warning).toBe(`upstream ${upstream.host} unreachable (connection refused); using the preloaded copy`);
      // A digest already preloaded never needs the upstream.
      expect(pinnedResult).toEqual({ ref: `${upstream.host}/team/pinned@${pinned.digest}`, source: 'hit', digest: pinned.digest, bytesCopied: 0 });
      expect(toolResult).toMatchObject({ error: expect.any(String) });
      expect(toolResult).not.toHaveProperty('digest');
      expect(toolResult).not.toHaveProperty('source');
      expect(toolResult!.error).toBe(`${upstream.host}/team/tool:1: upstream ${upstream.host} unreachable (connection refused) and the image is not preloaded`);
      expect(otherResult).toMatchObject({ source: 'copied', digest: tool.digest });
      expect(report.totals).toMatchObject({ images: 4, hits: 2, failed: 1, copied: 1 });
    } finally {
      await upstream.start();
    }
  });

  it('treats an upstream that stops answering as unreachable', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const silent: Server = createServer(() => {});
    silent.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      // The preloaded copy sits under the silent host's namespace, as if filled on an earlier run.
      const host = `127.0.0.1:${port}`;
      await pushManifest(preload, `${hostNamespace(host)}/team/app`, '1', app);
      const report = await copyImages(refs(`${host}/team/app:1`, `${host}/team/tool:1`), { ...baseOptions(preload, {}), stallTimeoutMs: 300 });
      expect(report.results[0]).toMatchObject({ source: 'hit', digest: app.digest, warning: `upstream ${host} unreachable (no response for 0.3s); using the preloaded copy` });
      expect(report.results[1]!.error).toBe(`${host}/team/tool:1: upstream ${host} unreachable (no response for 0.3s) and the image is not preloaded`);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('never commits a blob whose bytes do not match its digest', async () => {
    const corrupted = corruptible.blobs[2]!;
    const proxy = await startProxy(upstream.url, { corruptBlobs: [corrupted.digest] });
    try {
      const report = await copyImages(refs(`${proxy.host}/team/corruptible:1`), baseOptions(preload, {}));
      const result = report.results[0]!;
      expect(result.error).toBeDefined();
      expect(result.source).toBeUndefined();
      // Our own check fired, not the registry's DIGEST_INVALID.
      expect(result.error).toContain(`blob ${corrupted.digest} has content with digest sha256:`);
      expect(result.error).toContain(`(upstream ${proxy.host})`);
      const repository = `${hostNamespace(proxy.host)}/team/corruptible`;
      expect(await hasBlob(preload, repository, corrupted.digest)).toBe(false);
      expect(await manifestDigest(preload, repository, '1')).toBeUndefined();
      // The blobs that were fine are committed; the rerun needs only the corrupted one.
      expect(await hasBlob(preload, repository, corruptible.blobs[1]!.digest)).toBe(true);
    } finally {
      await proxy.close();
    }
  });

  it('leaves nothing corrupt when killed midway, and a rerun completes', async () => {
    const size = 48 * 1024 * 1024;
    const big = await pushGeneratedImage(upstream, 'team/big', 'v1', 'kill-test', size);
    const proxy = await startProxy(upstream.url, { blobBytesPerSecond: 8 * 1024 * 1024 });
    const ref = `${proxy.host}/team/big:v1`;
    const repository = `${hostNamespace(proxy.host)}/team/big`;
    const layer = big.blobs[1]!;
    try {
      let killedAt = 0;
      const child = await runCopyChild({ refs: [ref], target: preload.dataDir, upstream: proxy.url }, (line) => {
        if (line['type'] === 'blob-progress' && line['digest'] === layer.digest && Number(line['bytes']) >= 16 * 1024 * 1024 && killedAt === 0) {
          killedAt = Number(line['bytes']);
          child.process.kill('SIGKILL');
        }
      });
      expect(await child.exited).toBe('SIGKILL');
      expect(killedAt).toBeGreaterThan(0);
      expect(killedAt).toBeLessThan(size);
      expect(await manifestDigest(preload, repository, 'v1')).toBeUndefined();
      expect(await hasBlob(preload, repository, layer.digest)).toBe(false);

      const rerun = await copyImages(refs(ref), baseOptions(preload, { [proxy.host]: upstream.url }));
      expect(rerun.results[0]).toMatchObject({ source: 'copied', digest: big.digest });
      expect(rerun.results[0]!.bytesCopied).toBeGreaterThanOrEqual(size);
      expect(await manifestDigest(preload, repository, 'v1')).toBe(big.digest);
    } finally {
      await proxy.close();
    }
  });
});
