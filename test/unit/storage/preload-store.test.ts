import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseManifest, sha256Digest } from '../../../src/core/oci/manifest.js';
import { DOCKER_CONFIG, DOCKER_LAYER_GZIP, DOCKER_MANIFEST, OCI_INDEX } from '../../../src/core/oci/media-types.js';
import { PreloadStore } from '../../../src/core/storage/preload-store.js';
import { blobDataPath, layerLinkPath, revisionLinkPath, storedBlobs, tagCurrentLinkPath, tagIndexLinkPath } from '../../../src/core/storage/layout.js';
import { tempDir } from '../../support/tree.js';

const HEX = 'ab'.repeat(32);
const DIGEST = `sha256:${HEX}`;

function stream(...parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(out) {
      for (const part of parts) out.enqueue(Buffer.from(part));
      out.close();
    },
  });
}

const blobOf = (text: string) => ({ digest: sha256Digest(Buffer.from(text)), size: Buffer.byteLength(text) });

function imageManifest(config: { digest: string; size: number }, layers: { digest: string; size: number }[]) {
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: DOCKER_CONFIG, ...config },
      layers: layers.map((l) => ({ mediaType: DOCKER_LAYER_GZIP, ...l })),
    }),
  );
  return parseManifest(bytes, DOCKER_MANIFEST);
}

/** Every file under `dir`, relative, sorted. */
function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(relative(dir, path));
    }
  };
  walk(dir);
  return out.sort();
}

describe('registry storage paths (distribution registry/storage/paths.go)', () => {
  it.each([
    ['blob data', blobDataPath('/r', DIGEST), `/r/docker/registry/v2/blobs/sha256/ab/${HEX}/data`],
    ['layer link', layerLinkPath('/r', 'h_5000/team/app', DIGEST), `/r/docker/registry/v2/repositories/h_5000/team/app/_layers/sha256/${HEX}/link`],
    ['revision link', revisionLinkPath('/r', 'team/app', DIGEST), `/r/docker/registry/v2/repositories/team/app/_manifests/revisions/sha256/${HEX}/link`],
    ['tag current link', tagCurrentLinkPath('/r', 'team/app', 'v1.2'), '/r/docker/registry/v2/repositories/team/app/_manifests/tags/v1.2/current/link'],
    ['tag index link', tagIndexLinkPath('/r', 'team/app', 'latest', DIGEST), `/r/docker/registry/v2/repositories/team/app/_manifests/tags/latest/index/sha256/${HEX}/link`],
  ])('%s', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['a digest that is not sha256 hex', () => blobDataPath('/r', 'sha256:../../etc')],
    ['a repository climbing out', () => layerLinkPath('/r', '../../etc', DIGEST)],
    ['a repository with an empty component', () => revisionLinkPath('/r', 'team//app', DIGEST)],
    ['a tag climbing out', () => tagCurrentLinkPath('/r', 'team/app', '../x')],
    ['a tag with a slash', () => tagIndexLinkPath('/r', 'team/app', 'a/b', DIGEST)],
  ])('refuses %s', (_, make) => {
    expect(make).toThrow(/not a valid (digest|repository|tag) for registry storage/);
  });
});

describe('PreloadStore', () => {
  let root: string;
  let store: PreloadStore;
  beforeEach(() => {
    root = tempDir('sew-store-');
    store = new PreloadStore(root);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('writes a verified blob at its content address, leaving nothing staged', async () => {
    const blob = blobOf('layer bytes');
    const seen: number[] = [];
    await store.writeBlob(blob, stream('layer ', 'bytes'), (n) => seen.push(n));
    expect(readFileSync(blobDataPath(root, blob.digest), 'utf8')).toBe('layer bytes');
    expect(seen.at(-1)).toBe(blob.size);
    expect(files(root)).toEqual([relative(root, blobDataPath(root, blob.digest))]);
  });

  it.each([
    ['other content', { ...blobOf('expected'), size: 8 }, ['tampered']],
    ['too short', blobOf('expected'), ['expec']],
    ['too long', blobOf('expected'), ['expected', '!']],
  ])('commits nothing for %s', async (_, blob, parts) => {
    await expect(store.writeBlob(blob, stream(...parts))).rejects.toThrow(/blob sha256:/);
    expect(files(root)).toEqual([]);
    expect(await storedBlobs(root)).toEqual([]);
  });

  it('writes each digest once however many ask at once, and not at all when it is there', async () => {
    const blob = blobOf('shared');
    let writes = 0;
    const write = async () => {
      writes++;
      await store.writeBlob(blob, stream('shared'));
      return blob.size;
    };
    const moved = await Promise.all([store.ensureBlob(blob, write), store.ensureBlob(blob, write), store.ensureBlob(blob, write)]);
    expect(moved.sort()).toEqual([0, 0, blob.size]);
    expect(await new PreloadStore(root).ensureBlob(blob, write)).toBe(0);
    expect(writes).toBe(1);
  });

  it('lets a later caller retry a write that failed', async () => {
    const blob = blobOf('retry');
    await expect(store.ensureBlob(blob, () => Promise.reject(new Error('network')))).rejects.toThrow('network');
    expect(await store.ensureBlob(blob, () => store.writeBlob(blob, stream('retry')).then(() => blob.size))).toBe(blob.size);
  });

  it.each([
    ['an empty directory', () => undefined],
    ['a truncated data file', (dir: string) => writeFileSync(join(dir, 'data'), 'lay')],
    ['a stray staging file', (dir: string) => writeFileSync(join(dir, '.data.1.tmp'), 'x')],
  ])('replaces a blob directory holding %s', async (_, leave) => {
    const blob = blobOf('layer');
    const dir = join(blobDataPath(root, blob.digest), '..');
    mkdirSync(dir, { recursive: true });
    leave(dir);
    await store.writeBlob(blob, stream('layer'));
    expect(readdirSync(dir)).toEqual(['data']);
    expect(readFileSync(join(dir, 'data'), 'utf8')).toBe('layer');
  });

  it('learns the digest of a blob written without one', async () => {
    const written = await store.writeUnknownBlob(stream('legacy ', 'layer.tar'));
    expect(written).toEqual(blobOf('legacy layer.tar'));
    expect(readFileSync(blobDataPath(root, written.digest), 'utf8')).toBe('legacy layer.tar');
  });

  it('drops staging left by a killed run at the first write', async () => {
    const staging = join(root, '.sew-ci-staging');
    mkdirSync(join(staging, '.blob.1.tmp'), { recursive: true });
    writeFileSync(join(staging, '.blob.1.tmp', 'data'), 'half');
    await store.writeBytes(Buffer.from('{}'));
    expect(readdirSync(staging)).toEqual([]);
  });

  it.each([
    ['a tag', 'v1', ['revision', 'tag index', 'tag current']],
    ['its digest', 'digest', ['revision']],
  ])('puts a manifest under %s with the links distribution reads', async (_, reference, links) => {
    const config = blobOf('config');
    const layer = blobOf('layer');
    const manifest = imageManifest(config, [layer]);
    const ref = reference === 'digest' ? manifest.digest : reference;
    await store.putManifest('team/app', ref, manifest);
    const expected: Record<string, string> = {
      revision: revisionLinkPath(root, 'team/app', manifest.digest),
      'tag index': tagIndexLinkPath(root, 'team/app', 'v1', manifest.digest),
      'tag current': tagCurrentLinkPath(root, 'team/app', 'v1'),
    };
    for (const link of links) expect(readFileSync(expected[link]!, 'utf8')).toBe(manifest.digest);
    expect(files(root).filter((f) => f.endsWith('link'))).toHaveLength(links.length);
    expect(readFileSync(blobDataPath(root, manifest.digest)).equals(manifest.bytes)).toBe(true);
    expect(await store.resolve('team/app', ref)).toBe(manifest.digest);
    expect(await store.resolve('team/other', ref)).toBeUndefined();
  });

  it.each([
    ['everything is there', [], true],
    ['a layer is not linked into the repository', ['link'], false],
    ['a layer blob is gone', ['blob'], false],
    ['the manifest blob is gone', ['manifest'], false],
  ])('complete() when %s: %s', async (_, remove, expected) => {
    const config = blobOf('cfg');
    const layer = blobOf('layer');
    for (const [blob, text] of [[config, 'cfg'], [layer, 'layer']] as const) {
      await store.writeBlob(blob, stream(text));
      await store.linkLayer('team/app', blob.digest);
    }
    const manifest = imageManifest(config, [layer]);
    await store.putManifest('team/app', 'v1', manifest);
    if (remove.includes('link')) rmSync(layerLinkPath(root, 'team/app', layer.digest));
    if (remove.includes('blob')) rmSync(blobDataPath(root, layer.digest));
    if (remove.includes('manifest')) rmSync(blobDataPath(root, manifest.digest));
    expect(await store.complete('team/app', manifest.digest)).toBe(expected);
  });

  it('checks every child of an index, and reads an unlinked index blob for the warm path', async () => {
    const config = blobOf('cfg');
    await store.writeBlob(config, stream('cfg'));
    await store.linkLayer('team/app', config.digest);
    const child = imageManifest(config, []);
    const index = parseManifest(
      Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [{ mediaType: DOCKER_MANIFEST, digest: child.digest, size: child.bytes.length }] })),
      OCI_INDEX,
    );
    await store.writeBytes(index.bytes);
    expect(await store.manifest('team/app', index.digest)).toBeUndefined();
    expect((await store.storedManifest(index.digest))?.references[0]?.digest).toBe(child.digest);

    await store.putManifest('team/app', 'multi', index);
    expect(await store.complete('team/app', index.digest)).toBe(false);
    await store.putManifest('team/app', child.digest, child);
    expect(await store.complete('team/app', index.digest)).toBe(true);
  });
});
