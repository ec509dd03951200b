// Transient upstream failures: a proxy in front of a real registry answers 429/503 or cuts a
// blob midway, and the copy still lands digest-true, or fails saying why.

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../../src/core/errors.js';
import { hostNamespace, parseReference } from '../../../src/core/images/reference.js';
import { copyImages, type CopyOptions } from '../../../src/core/preload/copier.js';
import type { ImageEvent } from '../../../src/core/ports/preloader.js';
import { pushGeneratedImage } from '../../support/generated-blob.js';
import { startProxy, type Fault, type ProxyOptions, type SeenRequest } from '../../support/http-proxy.js';
import { hasBlob, image, manifestDigest, pushManifest, textLayer, type BuiltManifest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const MIB = 1024 * 1024;
const app = image([textLayer('retry-app')], undefined, 'app');
const tool = image([textLayer('retry-tool')], undefined, 'tool');
const blobPath = (digest: string): RegExp => new RegExp(`/blobs/${digest}$`);

describe('copyImages through transient upstream failures', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;
  let big: BuiltManifest;

  beforeAll(async () => {
    upstream = await RegistryServer.start();
    await pushManifest(upstream, 'team/app', '1', app);
    await pushManifest(upstream, 'team/tool', '1', tool);
    big = await pushGeneratedImage(upstream, 'team/big', '1', 'retry-big', 8 * MIB);
  });
  afterAll(async () => {
    await upstream?.dispose();
  });
  // Empty storage for each test: blobs are content-addressed, so one test's copy would
  // leave nothing for the next to fetch.
  beforeEach(async () => {
    preload = await RegistryServer.start();
  });
  afterEach(async () => {
    await preload?.dispose();
  });

  /** Copies `refs` (repository:tag on the upstream) through a proxy playing `proxyOptions`. */
  async function copyThrough(proxyOptions: ProxyOptions, refs: readonly string[], extra: Partial<CopyOptions> = {}) {
    const proxy = await startProxy(upstream.url, proxyOptions);
    const events: ImageEvent[] = [];
    const options: CopyOptions = {
      target: { root: preload.dataDir },
      upstream: () => ({ url: proxy.url }),
      platforms: ['linux/amd64'],
      credentials: async () => undefined,
      onEvent: (event) => events.push(event),
      ...extra,
    };
    try {
      const report = await copyImages(
        refs.map((ref) => ({ source: parseReference(`${proxy.host}/${ref}`) })),
        options,
      );
      return { report, seen: proxy.seen, host: proxy.host, retries: events.flatMap((e) => (e.type === 'retrying' ? [e.message] : [])) };
    } finally {
      await proxy.close();
    }
  }

  /** A fault for the first request matching `path` only. */
  function once(path: RegExp, fault: Fault): (request: SeenRequest) => Fault | undefined {
    let played = false;
    return (request) => {
      if (played || !path.test(request.path)) return undefined;
      played = true;
      return fault;
    };
  }

  it('waits out a 429 with Retry-After on the first manifest request, and says so once', async () => {
    const { report, seen, host, retries } = await copyThrough({ fault: once(/\/manifests\//, { status: 429, headers: { 'retry-after': '1' } }) }, ['team/app:1']);
    expect(report.results[0]).toMatchObject({ source: 'copied', digest: app.digest });
    const manifests = seen.filter((r) => r.path.includes('/manifests/'));
    expect(manifests[0]!.path).toBe(manifests[1]!.path);
    expect(retries).toEqual([`${host}: HTTP 429; retrying in 1.0 s, attempt 2 of 5 (later retries on this host go unlogged)`]);
  });

  it('retries a 503 on a blob, for each image, logging the host once', async () => {
    const layers = [app.blobs[1]!, tool.blobs[1]!];
    const faults = layers.map((layer) => once(blobPath(layer.digest), { status: 503 }));
    const { report, seen, retries } = await copyThrough(
      { fault: (request) => faults.map((fault) => fault(request)).find((f) => f !== undefined) },
      ['team/app:1', 'team/tool:1'],
    );
    expect(report.results.map((r) => [r.source, r.digest])).toEqual([
      ['copied', app.digest],
      ['copied', tool.digest],
    ]);
    for (const layer of layers) expect(seen.filter((r) => blobPath(layer.digest).test(r.path) && r.method === 'GET')).toHaveLength(2);
    expect(retries).toHaveLength(1);
  });

  it.each([
    ['resumes with a Range request', false],
    ['reads again from the start when the upstream ignores Range', true],
  ])('a connection cut mid-blob: %s, and the digest holds', async (_name, ignoreRange) => {
    const layer = big.blobs[1]!;
    const { report, seen, host } = await copyThrough({ ignoreRange, fault: once(blobPath(layer.digest), { cutAfter: 3 * MIB }) }, ['team/big:1']);
    expect(report.results[0]).toMatchObject({ source: 'copied', digest: big.digest, bytesCopied: big.blobs[0]!.size + layer.size });
    const gets = seen.filter((r) => r.method === 'GET' && blobPath(layer.digest).test(r.path));
    expect(gets).toHaveLength(2);
    expect(gets[0]!.headers.range).toBeUndefined();
    const resumedAt = Number(/^bytes=(\d+)-$/.exec(gets[1]!.headers.range ?? '')?.[1]);
    expect(resumedAt).toBeGreaterThan(0);
    expect(resumedAt).toBeLessThanOrEqual(3 * MIB);
    const repository = `${hostNamespace(host)}/team/big`;
    expect(await hasBlob(preload, repository, layer.digest)).toBe(true);
    expect(await manifestDigest(preload, repository, '1')).toBe(big.digest);
  });

  it('asks again for a manifest whose body was cut', async () => {
    let cut = false;
    const fault = (request: SeenRequest): Fault | undefined => {
      if (cut || request.method !== 'GET' || !request.path.includes('/manifests/')) return undefined;
      cut = true;
      return { cutAfter: 100 };
    };
    const { report, seen } = await copyThrough({ fault }, ['team/tool:1']);
    expect(report.results[0]).toMatchObject({ source: 'copied', digest: tool.digest });
    const gets = seen.filter((r) => r.method === 'GET' && r.path.includes('/manifests/'));
    expect(gets).toHaveLength(2);
    expect(gets[1]!.path).toBe(gets[0]!.path);
  });

  it.each([
    ['a 429 with ratelimit-remaining 0', { 'ratelimit-remaining': '0;w=21600' }, 'Docker Hub rate limit reached (HTTP 429, ratelimit-remaining 0); log in or use a mirror', 1],
    ['a Retry-After beyond the wait cap', { 'retry-after': '3600' }, 'HTTP 429, asked to retry after 3600 s, beyond the 60 s a request may wait', 1],
  ])('fails at once on %s, naming it', async (_name, headers, detail, requests) => {
    const { report, seen, host } = await copyThrough({ fault: (r) => (r.path.includes('/manifests/') ? { status: 429, headers } : undefined) }, ['team/tool:1']);
    expect(report.results[0]!.error).toBe(`${host}/team/tool:1: upstream ${host} unreachable (${detail}) and the image is not preloaded`);
    expect(seen.filter((r) => r.path.includes('/manifests/'))).toHaveLength(requests);
  });

  // The test's timeout is well below the 50 s asked for: only an interrupted wait passes.
  it('stops waiting out a Retry-After as soon as the run is interrupted, failing the run, not the image', { timeout: 20_000 }, async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new InterruptedError('SIGTERM')), 300);
    const copying = copyThrough({ fault: (r) => (r.path.includes('/manifests/') ? { status: 503, headers: { 'retry-after': '50' } } : undefined) }, ['team/app:1'], {
      signal: controller.signal,
    });
    await expect(copying).rejects.toThrow(new InterruptedError('SIGTERM'));
  });
});
