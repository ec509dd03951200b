// A cache registry shared by jobs that share no disk: `sew-ci up --no-cluster` in fresh homes
// against a real upstream and a real registry (htpasswd) as the cache registry. The first job
// copies from the upstream and writes back; later jobs read everything from the cache
// registry, digest for digest, with the upstream serving HEADs only or stopped; a read job
// writes nothing; a cache registry down or refusing writes costs one warning, nothing else.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace } from '../../../src/core/images/reference.js';
import { cli } from '../../support/cli.js';
import { hasBlob, image, imageIndex, manifestDigest, pushManifest, textLayer, type PushTarget } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { requireWorld } from '../../world/docker.js';

const user = { username: 'sew-cache', password: 'cache-s3cret' };
const base = textLayer('cache-base', 60);
const api = image([base, textLayer('cache-api')], undefined, 'api');
const web = image([base, textLayer('cache-web')], undefined, 'web');
const multi = imageIndex([
  { manifest: image([base, textLayer('cache-multi-amd64')]), platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: image([textLayer('cache-multi-arm64')], { os: 'linux', architecture: 'arm64' }), platform: { os: 'linux', architecture: 'arm64' } },
]);
const pinned = image([base, textLayer('cache-pinned')], undefined, 'pinned');
const late = image([textLayer('cache-late')], undefined, 'late');

let upstream: RegistryServer;
let cache: RegistryServer;
let readOnly: RegistryServer;
const homes: string[] = [];

interface Report {
  preload: { images: { ref: string; source?: string; digest?: string; bytesCopied: number; error?: string }[] };
  cacheRegistry: { served: { images: number; bytes: number }; fromUpstreams: { images: number; bytes: number }; written?: { images: number; bytes: number } } | null;
}

/** One CI job: a fresh home and a project naming `refs`, the cache registry at `registry` in `mode`. */
async function job(refs: readonly string[], options: { registry?: RegistryServer; mode: 'read' | 'readwrite'; password?: string }) {
  const registry = options.registry ?? cache;
  const home = join(tempDir('sew-cache-job-'), '.sew');
  homes.push(home);
  const project = writeTree({
    'sew.yaml': [
      'images:',
      `  cacheRegistry: ${registry.host}/ci/sew-cache`,
      '  registries:',
      `    "${upstream.host}": {url: "${upstream.url}"}`,
      `    "${registry.host}": {url: "${registry.url}", username: "\${CACHE_USER}", password: "\${CACHE_PASSWORD}"}`,
      '  preload:',
      '    platforms: [linux/amd64]',
      '    refs:',
      ...refs.map((ref) => `      - ${ref}`),
      '',
    ].join('\n'),
  });
  const env = { SEW_HOME: home, HOME: join(home, '..'), PATH: process.env.PATH, CACHE_USER: user.username, CACHE_PASSWORD: options.password ?? user.password };
  const result = await cli(['up', '--no-cluster', '--json', '--verify', '--cache-registry-mode', options.mode], project, env);
  const warnings = result.stderr.split('\n').filter((line) => /warning/i.test(line));
  return { ...result, warnings, report: (result.code === 0 || result.code === 1 ? JSON.parse(result.stdout) : undefined) as Report };
}

const ref = (repository: string, tag: string) => `${upstream.host}/${repository}:${tag}`;
const cached = (repository: string) => `ci/sew-cache/${hostNamespace(upstream.host)}/${repository}`;
const authorised = (server: RegistryServer): PushTarget => ({ url: server.url, headers: { authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}` } });
const sources = (report: Report) => Object.fromEntries(report.preload.images.map((i) => [i.ref, [i.source, i.digest]]));

let first: string[];

beforeAll(async () => {
  await requireWorld();
  [upstream, cache, readOnly] = await Promise.all([RegistryServer.start(), RegistryServer.start({ htpasswd: user }), RegistryServer.start({ htpasswd: user, readOnly: true })]);
  await pushManifest(upstream, 'team/api', '1', api);
  await pushManifest(upstream, 'team/web', '1', web);
  await pushManifest(upstream, 'team/multi', '1', multi);
  await pushManifest(upstream, 'team/pinned', 'v1', pinned);
  await pushManifest(upstream, 'team/late', '1', late);
  first = [ref('team/api', '1'), ref('team/web', '1'), ref('team/multi', '1'), `${upstream.host}/team/pinned@${pinned.digest}`];
});

afterAll(async () => {
  for (const home of homes) await cli(['down', '--purge'], join(home, '..'), { SEW_HOME: home, HOME: join(home, '..'), PATH: process.env.PATH });
  await Promise.all([upstream?.dispose(), cache?.dispose(), readOnly?.dispose()]);
});

describe('two jobs with different homes share images through the cache registry', () => {
  it('job 1 copies from the upstream and writes every image back, digest for digest, under tag and digest', async () => {
    const { code, report, warnings } = await job(first, { mode: 'readwrite' });
    expect(warnings).toEqual([]);
    expect(code).toBe(0);
    expect(Object.values(sources(report)).map(([source]) => source)).toEqual(['copied', 'copied', 'copied', 'copied']);
    expect(report.cacheRegistry?.written?.images).toBe(4);
    const target = authorised(cache);
    expect(await manifestDigest(target, cached('team/api'), '1')).toBe(api.digest);
    expect(await manifestDigest(target, cached('team/web'), web.digest)).toBe(web.digest);
    expect(await manifestDigest(target, cached('team/multi'), '1')).toBe(multi.children[0]!.digest);
    expect(await manifestDigest(target, cached('team/pinned'), pinned.digest)).toBe(pinned.digest);
    // The index the tag names is kept as a blob: a later job maps the upstream's HEAD onto its child.
    expect(await hasBlob(target, cached('team/multi'), multi.digest)).toBe(true);
    // Each blob uploaded once: the shared base layer was mounted into the other repositories.
    const blobs = new Map([api, web, multi.children[0]!, pinned].flatMap((m) => m.blobs.map((b) => [b.digest, b.size] as const)));
    expect(report.cacheRegistry?.written?.bytes).toBe([...blobs.values()].reduce((sum, size) => sum + size, 0) + multi.size);
  });

  it('job 2 (fresh home, upstream up) reads every image from the cache registry: 0 bytes from the upstream', async () => {
    const { code, report, warnings } = await job(first, { mode: 'readwrite' });
    expect(warnings).toEqual([]);
    expect(code).toBe(0);
    expect(sources(report)).toEqual({
      [first[0]!]: ['cache-registry', api.digest],
      [first[1]!]: ['cache-registry', web.digest],
      [first[2]!]: ['cache-registry', multi.children[0]!.digest],
      [first[3]!]: ['cache-registry', pinned.digest],
    });
    expect(report.cacheRegistry).toMatchObject({ served: { images: 4 }, fromUpstreams: { images: 0, bytes: 0 } });
    expect(report.cacheRegistry?.served.bytes).toBeGreaterThan(0);
    expect(report.cacheRegistry?.written).toBeUndefined();
  });

  it('job 3 (fresh home, upstream stopped) reads every image from the cache registry, tags by its own tag with a warning each', async () => {
    await upstream.stop();
    try {
      const { code, report, warnings } = await job(first, { mode: 'readwrite' });
      expect(code).toBe(0);
      expect(Object.values(sources(report))).toEqual([
        ['cache-registry', api.digest],
        ['cache-registry', web.digest],
        ['cache-registry', multi.children[0]!.digest],
        ['cache-registry', pinned.digest],
      ]);
      expect(report.cacheRegistry?.fromUpstreams).toEqual({ images: 0, bytes: 0 });
      // The pin needs no upstream; each tag says it was served without asking it.
      expect(warnings).toHaveLength(3);
      for (const warning of warnings) expect(warning).toContain("unreachable (connection refused); using the cache registry's copy of the tag");
    } finally {
      await upstream.start();
    }
  });
});

describe('what is never written, and failures that cost one warning', () => {
  it('a read job copies what the cache registry lacks from the upstream and writes nothing', async () => {
    const { code, report, warnings } = await job([ref('team/late', '1')], { mode: 'read' });
    expect(warnings).toEqual([]);
    expect(code).toBe(0);
    expect(sources(report)).toEqual({ [ref('team/late', '1')]: ['copied', late.digest] });
    expect(report.cacheRegistry?.written).toBeUndefined();
    expect(await manifestDigest(authorised(cache), cached('team/late'), '1')).toBeUndefined();
    expect(await hasBlob(authorised(cache), cached('team/late'), late.blobs[1]!.digest)).toBe(false);
  });

  it('a cache registry that is down: everything from the upstream, one warning, nothing written', async () => {
    const down = await RegistryServer.start({ htpasswd: user });
    await down.dispose();
    const { code, report, warnings } = await job(first, { registry: down, mode: 'readwrite' });
    expect(code).toBe(0);
    expect(Object.values(sources(report)).map(([source]) => source)).toEqual(['copied', 'copied', 'copied', 'copied']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`cache registry ${down.host} not used (connection refused)`);
    expect(report.cacheRegistry?.written).toBeUndefined();
  });

  it('a cache registry that refuses writes: everything from the upstream, one warning naming the write', async () => {
    const { code, report, warnings } = await job(first, { registry: readOnly, mode: 'readwrite' });
    expect(code).toBe(0);
    expect(Object.values(sources(report)).map(([source]) => source)).toEqual(['copied', 'copied', 'copied', 'copied']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(new RegExp(`cache registry: 4 image\\(s\\) not written \\(${readOnly.host.replace(/\./g, '\\.')}/ci/sew-cache/`));
    expect(report.cacheRegistry?.written).toEqual({ images: 0, bytes: 0 });
  });

  it("with the upstream down, the cache registry's tag serves only this runner's platform", async () => {
    // Another runner (arm64) wrote the tag last: an amd64 job must not take its image.
    const other = image([textLayer('cache-other-arm64')], { os: 'linux', architecture: 'arm64' }, 'other');
    await pushManifest(authorised(cache), cached('team/other'), '1', other);
    await pushManifest(upstream, 'team/other', '1', image([textLayer('cache-other-amd64')], undefined, 'other'));
    await upstream.stop();
    try {
      const { code, report } = await job([ref('team/other', '1')], { mode: 'read' });
      expect(code).toBe(1);
      expect(report.preload.images[0]).toMatchObject({ ref: ref('team/other', '1') });
      expect(report.preload.images[0]!.source).toBeUndefined();
      expect(report.preload.images[0]!.error).toContain('unreachable');
    } finally {
      await upstream.start();
    }
  });

  it('wrong credentials are a warning that never shows the password', async () => {
    const wrong = 'not-the-pa55word';
    const { code, report, warnings, stdout, stderr } = await job([ref('team/api', '1')], { mode: 'read', password: wrong });
    expect(code).toBe(0);
    expect(sources(report)).toEqual({ [ref('team/api', '1')]: ['copied', api.digest] });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('HTTP 401');
    expect(stdout + stderr).not.toContain(wrong);
  });
});
