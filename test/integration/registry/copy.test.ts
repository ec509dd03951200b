import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/core/images/reference.js';
import { copyImages, type CopyOptions } from '../../../src/core/registry/copier.js';
import { RegistryServer } from '../../support/registry-server.js';
import { hasBlob, image, imageIndex, manifestDigest, pushManifest, textLayer } from '../../support/oci-images.js';

const base = textLayer('base-os', 120);
const runtime = textLayer('runtime', 80);
const apiApp = textLayer('api-app');
const webApp = textLayer('web-app');
const api = image([base, runtime, apiApp], undefined, 'api');
const web = image([base, runtime, webApp], undefined, 'web');
const armBase = textLayer('base-os-arm', 120);
const multi = imageIndex([
  { manifest: image([base, textLayer('multi-amd64')], { os: 'linux', architecture: 'amd64' }), platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: image([armBase, textLayer('multi-arm64')], { os: 'linux', architecture: 'arm64' }), platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
]);

describe('copyImages between real registries', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;
  let options: CopyOptions;

  beforeAll(async () => {
    [upstream, preload] = await Promise.all([RegistryServer.start(), RegistryServer.start()]);
    await pushManifest(upstream, 'team/api', '1.4', api);
    await pushManifest(upstream, 'team/web', 'latest', web);
    await pushManifest(upstream, 'team/multi', '2', multi);
    options = { target: { url: preload.url }, upstream: () => ({ url: upstream.url }), platforms: ['linux/amd64'], credentials: async () => undefined };
  });
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose()]);
  });

  it('copies tags, digest pins and indexes with their digests', async () => {
    const ns = upstream.host.replace(':', '_');
    const refs = [`${upstream.host}/team/api:1.4`, `${upstream.host}/team/web@${web.digest}`, `${upstream.host}/team/multi@${multi.digest}`, `${upstream.host}/team/multi:2`];
    const report = await copyImages(refs.map((r) => ({ source: parseReference(r) })), options);
    expect(report.results.map((r) => r.error)).toEqual([undefined, undefined, undefined, undefined]);
    expect(report.results.map((r) => r.source)).toEqual(['copied', 'copied', 'copied', 'copied']);
    expect(report.results.map((r) => r.digest)).toEqual([api.digest, web.digest, multi.digest, multi.children[0]!.digest]);
    expect(await manifestDigest(preload, `${ns}/team/api`, '1.4')).toBe(api.digest);
    expect(await manifestDigest(preload, `${ns}/team/web`, web.digest)).toBe(web.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, multi.digest)).toBe(multi.digest);
    expect(await manifestDigest(preload, `${ns}/team/multi`, '2')).toBe(multi.children[0]!.digest);
    expect(await hasBlob(preload, `${ns}/team/multi`, armBase.digest)).toBe(true);
    console.log(report.totals);

    const warm = await copyImages(refs.map((r) => ({ source: parseReference(r) })), options);
    expect(warm.results.map((r) => r.source)).toEqual(['hit', 'hit', 'hit', 'hit']);
    expect(warm.totals.bytesCopied).toBe(0);
  });
});
