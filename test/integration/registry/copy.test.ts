import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages, type CopyOptions } from '../../../src/core/preload/copier.js';
import type { ImageEvent } from '../../../src/core/ports/preloader.js';
import { hasBlob, image, imageIndex, manifestDigest, pushManifest, textLayer, type Blob, type BuiltManifest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const base = textLayer('base-os', 120);
const runtime = textLayer('runtime', 80);
const api = image([base, runtime, textLayer('api-app')], undefined, 'api');
const web = image([base, runtime, textLayer('web-app')], undefined, 'web');
const armBase = textLayer('base-os-arm', 120);
const amd64 = image([base, textLayer('multi-amd64')], { os: 'linux', architecture: 'amd64' });
const arm64 = image([armBase, textLayer('multi-arm64')], { os: 'linux', architecture: 'arm64' });
const multi = imageIndex([
  { manifest: amd64, platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: arm64, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
]);

const refs = (...texts: string[]) => texts.map((text) => ({ source: parseReference(text) }));
const sizeOf = (blobs: Iterable<Blob>): number => {
  const unique = new Map<string, number>();
  for (const b of blobs) unique.set(b.digest, b.size);
  return [...unique.values()].reduce((a, b) => a + b, 0);
};
const blobsOf = (...manifests: BuiltManifest[]): Blob[] => manifests.flatMap((m) => [...m.blobs, ...('children' in m ? (m.children as BuiltManifest[]).flatMap((c) => c.blobs) : [])]);

/** Digests whose transfer completed, in order, from blob-progress events. */
function transfers(events: ImageEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'blob-progress' && e.bytes === e.size ? [e.digest] : []));
}

describe('copyImages between real registries', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;
  let events: ImageEvent[];
  let options: CopyOptions;
  let ns: string;

  beforeAll(async () => {
    upstream = await RegistryServer.start();
    ns = hostNamespace(upstream.host);
    await pushManifest(upstream, 'team/api', '1.4', api);
    await pushManifest(upstream, 'team/web', 'latest', web);
    await pushManifest(upstream, 'team/multi', '2', multi);
  });
  afterAll(async () => {
    await upstream?.dispose();
  });
  beforeEach(async () => {
    preload = await RegistryServer.start();
    events = [];
    options = {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url }),
      platforms: ['linux/amd64'],
      credentials: async () => undefined,
      onEvent: (event) => events.push(event),
    };
  });
  afterEach(async () => {
    await preload?.dispose();
  });

  it('copies tags, digest pins and indexes under their upstream digests, each shared blob once', async () => {
    const report = await copyImages(
      refs(`${upstream.host}/team/api:1.4`, `${upstream.host}/team/web@${web.digest}`, `${upstream.host}/team/multi@${multi.digest}`, `${upstream.host}/team/multi:2`),
      options,
    );

    expect(report.results.map((r) => [r.source, r.digest, r.error])).toEqual([
      ['copied', api.digest, undefined],
      ['copied', web.digest, undefined],
      ['copied', multi.digest, undefined],
      ['copied', amd64.digest, undefined],
    ]);
    expect(report.results[0]!.ref).toBe(`${upstream.host}/team/api:1.4`);
    expect(await manifestDigest(preload, `${ns}/team/api`, '1.4')).toBe(api.digest);
    expect(await manifestDigest(preload, `${ns}/team/web`, web.digest)).toBe(web.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, multi.digest)).toBe(multi.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, arm64.digest)).toBe(arm64.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, '2')).toBe(amd64.digest);
    expect(await hasBlob(preload, `${ns}/team/multi`, armBase.digest)).toBe(true);

    const moved = transfers(events);
    expect(new Set(moved).size).toBe(moved.length);
    expect(report.totals).toMatchObject({ images: 4, copied: 4, hits: 0, failed: 0, bytesCopied: sizeOf(blobsOf(api, web, multi)) });
    expect(events.filter((e) => e.type === 'image-started')).toHaveLength(4);
    expect(events.filter((e) => e.type === 'image-finished')).toHaveLength(4);
  });

  it('checks a present index that repeats its children once per manifest, not once per path', async () => {
    // 30 levels of an index listing the level below twice: 2^30 paths, 31 manifests. Pushed
    // level by level, each once, as the registry already holds it.
    const platform = { os: 'linux', architecture: 'amd64' };
    let top: BuiltManifest = image([textLayer('deep')], platform, 'deep');
    await pushManifest(preload, `${ns}/team/deep`, top.digest, top);
    for (let level = 0; level < 30; level++) {
      const { children: _, ...index } = imageIndex([
        { manifest: top, platform },
        { manifest: top, platform },
      ]);
      await pushManifest(preload, `${ns}/team/deep`, index.digest, index);
      top = index;
    }
    const report = await copyImages(refs(`${upstream.host}/team/deep@${top.digest}`), options);
    expect(report.results.map((r) => [r.source, r.digest])).toEqual([['hit', top.digest]]);
  });

  it('moves nothing on a warm rerun', async () => {
    const all = refs(`${upstream.host}/team/api:1.4`, `${upstream.host}/team/web@${web.digest}`, `${upstream.host}/team/multi:2`);
    await copyImages(all, options);
    events.length = 0;
    const warm = await copyImages(all, options);
    expect(warm.results.map((r) => [r.source, r.digest])).toEqual([
      ['hit', api.digest],
      ['hit', web.digest],
      ['hit', amd64.digest],
    ]);
    expect(warm.totals.bytesCopied).toBe(0);
    expect(transfers(events)).toEqual([]);
  });

  it('re-resolves a mutable tag and moves only what changed', async () => {
    await pushManifest(upstream, 'team/mutable', 'main', api);
    const ref = refs(`${upstream.host}/team/mutable:main`);
    await copyImages(ref, options);

    const changedLayer = textLayer('api-app-v2');
    const changed = image([base, runtime, changedLayer], undefined, 'api');
    await pushManifest(upstream, 'team/mutable', 'main', changed);
    events.length = 0;
    const report = await copyImages(ref, options);

    const config = changed.blobs[0]!;
    expect(report.results[0]).toMatchObject({ source: 'copied', digest: changed.digest, bytesCopied: changedLayer.size + config.size });
    expect(transfers(events).sort()).toEqual([changedLayer.digest, config.digest].sort());
    expect(await manifestDigest(preload, `${ns}/team/mutable`, 'main')).toBe(changed.digest);
  });

  it('keeps two upstreams serving the same repository path apart', async () => {
    const other = await RegistryServer.start();
    try {
      const otherApi = image([base, textLayer('other-api')], undefined, 'other');
      await pushManifest(other, 'team/api', '1.4', otherApi);
      const byHost = new Map([
        [upstream.host, upstream.url],
        [other.host, other.url],
      ]);
      const report = await copyImages(refs(`${upstream.host}/team/api:1.4`, `${other.host}/team/api:1.4`), {
        ...options,
        upstream: (host) => ({ url: byHost.get(host)! }),
      });
      expect(report.results.map((r) => [r.source, r.digest])).toEqual([
        ['copied', api.digest],
        ['copied', otherApi.digest],
      ]);
      expect(await manifestDigest(preload, `${ns}/team/api`, '1.4')).toBe(api.digest);
      expect(await manifestDigest(preload, `${hostNamespace(other.host)}/team/api`, '1.4')).toBe(otherApi.digest);
    } finally {
      await other.dispose();
    }
  });

  it('tags the platform manifest for one platform, the whole index for several', async () => {
    const arm = await copyImages(refs(`${upstream.host}/team/multi:2`), { ...options, platforms: ['linux/arm64'] });
    expect(arm.results[0]).toMatchObject({ source: 'copied', digest: arm64.digest, bytesCopied: sizeOf(arm64.blobs) });
    expect(await hasBlob(preload, `${ns}/team/multi`, base.digest)).toBe(false);

    const all = await copyImages(refs(`${upstream.host}/team/multi:2`), { ...options, platforms: 'all' });
    expect(all.results[0]).toMatchObject({ source: 'copied', digest: multi.digest, bytesCopied: sizeOf(amd64.blobs) });
    expect(await manifestDigest(preload, `${ns}/team/multi`, '2')).toBe(multi.digest);

    const several = await copyImages(refs(`${upstream.host}/team/multi:2`), { ...options, platforms: ['linux/amd64', 'linux/arm64'] });
    expect(several.results[0]).toMatchObject({ source: 'hit', digest: multi.digest });
  });

  it('stores a pinned index with one platform for Docker (onePlatform), the index verbatim; warm, it is a hit with the upstream gone', async () => {
    const pinned = [{ source: parseReference(`${upstream.host}/team/multi@${multi.digest}`), onePlatform: true }];
    const cold = await copyImages(pinned, { ...options, platforms: ['linux/arm64'] });
    expect(cold.results[0]).toMatchObject({ source: 'copied', digest: multi.digest, bytesCopied: sizeOf(arm64.blobs) });
    expect(await manifestDigest(preload, `${ns}/team/multi`, multi.digest)).toBe(multi.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, arm64.digest)).toBe(arm64.digest);
    expect(await hasBlob(preload, `${ns}/team/multi`, base.digest)).toBe(false);

    events.length = 0;
    const warm = await copyImages(pinned, { ...options, platforms: ['linux/arm64'], upstream: () => ({ url: 'http://127.0.0.1:9' }) });
    expect(warm.results[0]).toMatchObject({ source: 'hit', digest: multi.digest, bytesCopied: 0 });
    expect(warm.results[0]!.warning).toBeUndefined();
    // Another platform is not in storage: that one is copied, not taken for a hit.
    const other = await copyImages(pinned, { ...options, platforms: ['linux/amd64'] });
    expect(other.results[0]).toMatchObject({ source: 'copied', bytesCopied: sizeOf(amd64.blobs) });
  });

  it('reports a missing image or platform per image and copies the rest', async () => {
    const report = await copyImages(refs(`${upstream.host}/team/nope:1`, `${upstream.host}/team/multi:2`, `${upstream.host}/team/api:1.4`), {
      ...options,
      platforms: ['linux/s390x'],
    });
    expect(report.results.map((r) => r.source ?? 'failed')).toEqual(['failed', 'failed', 'copied']);
    expect(report.results[0]!.error).toMatch(new RegExp(`^${upstream.host}/team/nope:1: manifest 1: HTTP 404: MANIFEST_UNKNOWN manifest unknown \\(upstream ${upstream.host}`));
    expect(report.results[1]!.error).toContain('no linux/s390x image in the index (it has linux/amd64, linux/arm64/v8)');
    expect(report.totals).toMatchObject({ images: 3, failed: 2, copied: 1 });
  });
});
