// Pruning the preload data to the plan's image set, on a real distribution registry's store:
// what the refs reach (manifests, index children, configs, layers, shared ones too) stays and
// is served again after a restart; the rest goes. Anything unsure prunes nothing.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prunePreload } from '../../../src/core/cache/prune.js';
import { parseReference, preloadRepository } from '../../../src/core/images/reference.js';
import { storedBlobs, storedRepositories } from '../../../src/core/storage/layout.js';
import { verifyPreloaded } from '../../../src/core/verify/offline.js';
import { hasBlob, image, imageIndex, manifestDigest, pushManifest, textLayer, type BuiltManifest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const base = textLayer('prune-base', 10);
const one = image([base, textLayer('prune-one', 5)], undefined, 'one');
const two = image([base, textLayer('prune-two', 5)], undefined, 'two');
const arm = image([textLayer('prune-arm', 5)], { os: 'linux', architecture: 'arm64' }, 'arm');
const multi = imageIndex([
  { manifest: one, platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: arm, platform: { os: 'linux', architecture: 'arm64' } },
]);

const ref = (text: string) => parseReference(text);
const repo = (text: string) => preloadRepository(ref(text));
const blobsOf = (m: BuiltManifest) => [m.digest, ...m.blobs.map((b) => b.digest)];

let server: RegistryServer | undefined;
afterEach(async () => server?.dispose());

/** A preload store holding one:1, one:old, two:1 and the index multi:1, with the registry stopped. */
async function store(): Promise<string> {
  server = await RegistryServer.start();
  await pushManifest(server, repo('upstream.test:5900/team/one'), '1', one);
  await pushManifest(server, repo('upstream.test:5900/team/one'), 'old', two);
  await pushManifest(server, repo('upstream.test:5900/team/two'), '1', two);
  await pushManifest(server, repo('ghcr.io/acme/multi'), '1', multi);
  await server.stop();
  return join(server.dir, 'data');
}

describe('prunePreload', () => {
  it('keeps what the refs reach and removes other repositories, tags and blobs', async () => {
    const root = await store();
    const refs = ['upstream.test:5900/team/one:1', 'ghcr.io/acme/multi:1'].map(ref);
    const result = await prunePreload(root, refs);
    expect(result).toMatchObject({ pruned: true, repositories: [repo('upstream.test:5900/team/two')], tags: [`${repo('upstream.test:5900/team/one')}:old`] });
    const twoOwn = two.blobs.map((b) => b.digest).filter((d) => !blobsOf(one).includes(d));
    expect(result.pruned && [...result.blobs].sort()).toEqual([two.digest, ...twoOwn].sort());
    expect(result.pruned && result.bytes).toBe([two, ...two.blobs.filter((b) => twoOwn.includes(b.digest))].reduce((s, b) => s + b.size, 0));
    expect(await storedRepositories(root)).toEqual([repo('ghcr.io/acme/multi'), repo('upstream.test:5900/team/one')].sort());
    expect((await storedBlobs(root)).sort()).toEqual([...new Set([...blobsOf(one), ...blobsOf(arm), multi.digest])].sort());
    expect((await verifyPreloaded(root, refs)).map((c) => c.ok)).toEqual([true, true]);

    await server!.start();
    expect(await manifestDigest(server!, repo('upstream.test:5900/team/one'), '1')).toBe(one.digest);
    expect(await manifestDigest(server!, repo('ghcr.io/acme/multi'), arm.digest)).toBe(arm.digest);
    for (const b of one.blobs) expect(await hasBlob(server!, repo('upstream.test:5900/team/one'), b.digest)).toBe(true);
    expect(await manifestDigest(server!, repo('upstream.test:5900/team/one'), 'old')).toBeUndefined();
    expect(await manifestDigest(server!, repo('upstream.test:5900/team/two'), '1')).toBeUndefined();
  });

  it('is a no-op when the refs reach everything, and keeps refs by digest', async () => {
    const root = await store();
    const before = (await storedBlobs(root)).sort();
    const refs = [
      'upstream.test:5900/team/one:1',
      'upstream.test:5900/team/one:old',
      `upstream.test:5900/team/two@${two.digest}`,
      'ghcr.io/acme/multi:1',
    ].map(ref);
    expect(await prunePreload(root, refs)).toEqual({ pruned: true, repositories: [], tags: [`${repo('upstream.test:5900/team/two')}:1`], blobs: [], bytes: 0 });
    expect((await storedBlobs(root)).sort()).toEqual(before);
  });

  it.each([
    ['a ref not preloaded', 'upstream.test:5900/team/three:1', /team\/three:1 is not preloaded/],
    ['a tag whose manifest is gone', 'upstream.test:5900/team/one:1', /is not in the store/],
    ['a manifest that cannot be read', 'upstream.test:5900/team/one:1', /cannot be read/],
  ])('%s: prunes nothing', async (what, text, reason) => {
    const root = await store();
    const blobPath = join(root, 'docker', 'registry', 'v2', 'blobs', 'sha256', one.digest.slice(7, 9), one.digest.slice(7), 'data');
    if (what === 'a tag whose manifest is gone') rmSync(blobPath);
    if (what === 'a manifest that cannot be read') writeFileSync(blobPath, '{"not": "a manifest"}');
    const before = (await storedBlobs(root)).sort();
    const result = await prunePreload(root, [ref(text)]);
    expect(result).toMatchObject({ pruned: false, reason: expect.stringMatching(reason) });
    expect((await storedBlobs(root)).sort()).toEqual(before);
    expect(await storedRepositories(root)).toHaveLength(3);
  });

  it('drops uploads a stopped registry left, never anything outside the store', async () => {
    const root = await store();
    const uploads = join(root, 'docker', 'registry', 'v2', 'repositories', repo('upstream.test:5900/team/one'), '_uploads', 'abc');
    mkdirSync(uploads, { recursive: true });
    const outside = join(root, '..', 'keep-me');
    writeFileSync(outside, 'x');
    await prunePreload(root, [ref('upstream.test:5900/team/one:1')]);
    expect(existsSync(uploads)).toBe(false);
    expect(existsSync(outside)).toBe(true);
  });
});
