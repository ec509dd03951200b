// The daemon fallback against real registries, with the Docker daemon replaced by archives
// in docker save's two formats: an engine writes only one of them, and this covers both
// (the real engine is asked in test/integration/up/daemon.test.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages, type CopyOptions } from '../../../src/core/preload/copier.js';
import { DOCKER_LAYER, DOCKER_LAYER_GZIP, DOCKER_MANIFEST } from '../../../src/core/oci/media-types.js';
import { classicSave, fakeDaemon, layerTar, ociSave } from '../../support/docker-save.js';
import { hasBlob, image, manifestDigest, pushManifest, textLayer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const refs = (...texts: string[]) => texts.map((text) => ({ source: parseReference(text) }));

async function manifestDocument(registry: RegistryServer, repository: string, reference: string) {
  const reply = await fetch(`${registry.url}/v2/${repository}/manifests/${reference}`, { headers: { accept: DOCKER_MANIFEST } });
  return { contentType: reply.headers.get('content-type'), doc: (await reply.json()) as { config: { digest: string }; layers: { mediaType: string; digest: string; size: number }[] } };
}

describe('copyImages from the local Docker daemon', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;
  let ns: string;
  const shared = layerTar('daemon-base', 40);
  const built = (tag: string) => `${upstream.host}/local/app:${tag}`;

  beforeAll(async () => {
    [upstream, preload] = await Promise.all([RegistryServer.start(), RegistryServer.start()]);
    ns = hostNamespace(upstream.host);
    await pushManifest(upstream, 'team/real', '1', image([textLayer('daemon-real')]));
  });
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose()]);
  });

  const options = (daemon: ReturnType<typeof fakeDaemon>): CopyOptions => ({
    target: { root: preload.dataDir },
    upstream: () => ({ url: upstream.url }),
    platforms: ['linux/amd64'],
    credentials: async () => undefined,
    localImages: daemon,
  });

  it('pushes an image the upstream lacks from a classic docker save, and finds it unchanged next time', async () => {
    const saved = classicSave(built('classic'), [shared, layerTar('classic-app')]);
    const daemon = fakeDaemon({ [built('classic')]: saved });
    const report = await copyImages(refs(built('classic'), `${upstream.host}/team/real:1`), options(daemon));

    const [fromDaemon, real] = report.results;
    expect(real!.source).toBe('copied');
    expect(fromDaemon!.source).toBe('daemon');
    expect(fromDaemon!.error ?? fromDaemon!.warning).toBeUndefined();
    expect(report.totals.fromDaemon).toBe(1);
    expect(await manifestDigest(preload, `${ns}/local/app`, 'classic')).toBe(fromDaemon!.digest);
    const { contentType, doc } = await manifestDocument(preload, `${ns}/local/app`, 'classic');
    expect(contentType).toBe(DOCKER_MANIFEST);
    expect(doc.config.digest).toBe(saved.id);
    expect(doc.layers).toEqual(saved.layers.map((l) => ({ mediaType: DOCKER_LAYER, ...l })));
    expect(fromDaemon!.bytesCopied).toBe(saved.layers.reduce((sum, l) => sum + l.size, 0) + saved.configSize);

    const again = await copyImages(refs(built('classic')), options(daemon));
    expect(again.results[0]).toMatchObject({ source: 'hit', digest: fromDaemon!.digest, bytesCopied: 0 });
    expect(daemon.saves).toEqual([built('classic')]);
  });

  it('reads the OCI layout of newer daemons, keeps gzip layers gzip, and skips layers already stored', async () => {
    const first = ociSave(built('oci'), [shared, layerTar('oci-app')], { gzip: true });
    const daemon = fakeDaemon({ [built('oci')]: first });
    const report = await copyImages(refs(built('oci')), options(daemon));
    expect(report.results[0]).toMatchObject({ source: 'daemon' });
    const { doc } = await manifestDocument(preload, `${ns}/local/app`, 'oci');
    expect(doc.layers.map((l) => l.mediaType)).toEqual([DOCKER_LAYER_GZIP, DOCKER_LAYER_GZIP]);
    expect(doc.layers.map((l) => l.digest)).toEqual(first.layers.map((l) => l.digest));

    const changedLayer = layerTar('oci-app-v2');
    const second = ociSave(built('oci'), [shared, changedLayer], { gzip: true });
    const rebuilt = fakeDaemon({ [built('oci')]: second });
    const rerun = await copyImages(refs(built('oci')), options(rebuilt));
    expect(rerun.results[0]).toMatchObject({ source: 'daemon' });
    expect(rerun.results[0]!.bytesCopied).toBe(second.layers[1]!.size + second.configSize);
  });

  it('warns when the upstream is down and the daemon filled in', async () => {
    const saved = classicSave(built('offline'), [shared, layerTar('offline-app')]);
    await upstream.stop();
    try {
      const report = await copyImages(refs(built('offline')), options(fakeDaemon({ [built('offline')]: saved })));
      expect(report.results[0]).toMatchObject({
        source: 'daemon',
        warning: `upstream ${upstream.host} unreachable (connection refused); preloaded from the local Docker daemon`,
      });
      expect(await hasBlob(preload, `${ns}/local/app`, saved.id)).toBe(true);
    } finally {
      await upstream.start();
    }
  });

  it('fails an image neither the upstream nor the daemon has, and never rebuilds a digest pin', async () => {
    const pin = `sha256:${'e'.repeat(64)}`;
    const daemon = fakeDaemon({});
    const report = await copyImages(refs(built('nowhere'), `${upstream.host}/local/app@${pin}`), options(daemon));
    expect(report.results[0]!.error).toBe(
      `${built('nowhere')}: manifest nowhere: HTTP 404: MANIFEST_UNKNOWN manifest unknown (upstream ${upstream.host}); not in the local Docker daemon either`,
    );
    expect(report.results[1]).toMatchObject({ error: expect.any(String) });
    expect(report.results[1]!.source).toBeUndefined();
    expect(report.results[1]!.error).not.toContain('daemon');
    expect(daemon.saves).toEqual([]);
  });
});
