// The docker load archive sew-ci streams from its storage: read back with the project's tar
// reader (which checks every header's checksum), it is manifest.json naming the config and the
// layers under the tag given, then each blob as stored; refused when the image is not whole.
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dockerArchive, tarHeader } from '../../../src/core/daemon/docker-archive.js';
import { readTar } from '../../../src/core/daemon/tar-reader.js';
import { parsePlatform } from '../../../src/core/oci/platform.js';
import { blobDataPath } from '../../../src/core/storage/layout.js';
import { PreloadStore } from '../../../src/core/storage/preload-store.js';
import { parseManifest } from '../../../src/core/oci/manifest.js';
import { image, imageIndex, textLayer, type BuiltManifest } from '../../support/oci-images.js';
import { tempDir } from '../../support/tree.js';

const amd = image([textLayer('archive-a', 20), textLayer('archive-b', 10)], { os: 'linux', architecture: 'amd64' }, 'a');
const arm = image([textLayer('archive-arm', 10)], { os: 'linux', architecture: 'arm64' }, 'arm');
const index = imageIndex([
  { manifest: amd, platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: arm, platform: { os: 'linux', architecture: 'arm64' } },
]);

async function stored(manifests: readonly BuiltManifest[]): Promise<PreloadStore> {
  const store = new PreloadStore(tempDir('store-'));
  for (const m of manifests) {
    for (const b of m.blobs) {
      await store.writeBytes(b.bytes);
      await store.linkLayer('docker.io/kindest/node', b.digest);
    }
    await store.writeBytes(m.bytes);
    await store.putManifest('docker.io/kindest/node', m.digest, parseManifest(m.bytes, m.mediaType));
  }
  return store;
}

async function entries(archive: AsyncIterable<Uint8Array>): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for await (const entry of readTar(Readable.toWeb(Readable.from(archive)) as ReadableStream<Uint8Array>)) out.set(entry.path, Buffer.from(await new Response(entry.body).arrayBuffer()));
  return out;
}

describe('the docker load archive', () => {
  it('holds the platform image of an index: manifest.json, the config, the layers as stored', async () => {
    const store = await stored([amd, index]);
    const tag = 'docker.io/kindest/node:sew-x';
    const files = await entries(dockerArchive({ store, repository: 'docker.io/kindest/node', digest: index.digest, platform: parsePlatform('linux/amd64'), tag }));
    const [config, ...layers] = amd.blobs;
    const hex = (d: string) => d.slice('sha256:'.length);
    expect(JSON.parse(files.get('manifest.json')!.toString())).toEqual([{ Config: `${hex(config!.digest)}.json`, RepoTags: [tag], Layers: layers.map((l) => `${hex(l.digest)}.layer`) }]);
    expect(files.get(`${hex(config!.digest)}.json`)).toEqual(config!.bytes);
    for (const l of layers) expect(files.get(`${hex(l.digest)}.layer`)).toEqual(l.bytes);
    expect(files.size).toBe(2 + layers.length);
  });

  it.each([
    { name: 'a platform the index does not hold', platform: 'linux/s390x', damage: false },
    { name: 'a layer gone from the storage', platform: 'linux/amd64', damage: true },
  ])('is refused for $name', async ({ platform, damage }) => {
    const store = await stored([amd, index]);
    if (damage) rmSync(blobDataPath(store.root, amd.blobs[1]!.digest));
    await expect(entries(dockerArchive({ store, repository: 'docker.io/kindest/node', digest: index.digest, platform: parsePlatform(platform), tag: 't' }))).rejects.toThrow('is not whole in');
  });

  it.each([
    { size: 0, octal: '00000000000' },
    { size: 1234567, octal: '00004553207' },
  ])('writes size $size in octal, with a valid checksum', ({ size, octal }) => {
    const header = tarHeader('f', size);
    expect(header.subarray(124, 135).toString()).toBe(octal);
    const sum = [...header].reduce((a, b, i) => a + (i >= 148 && i < 156 ? 32 : b), 0);
    expect(parseInt(header.subarray(148, 154).toString(), 8)).toBe(sum);
  });

  it('writes a size of 8 GiB or more in base-256', () => {
    const size = 9 * 1024 ** 3;
    const header = tarHeader('big', size);
    expect(header[124]! & 0x80).toBe(0x80);
    expect(Number(header.readBigUInt64BE(128))).toBe(size);
  });
});
