import { describe, expect, it } from 'vitest';
import { parseManifest, requiredBlobs, sha256Digest } from '../../../src/core/oci/manifest.js';
import { DOCKER_MANIFEST, OCI_INDEX } from '../../../src/core/oci/media-types.js';

const d = (c: string): string => `sha256:${c.repeat(64)}`;
const bytes = (doc: unknown): Buffer => Buffer.from(JSON.stringify(doc));

describe('parseManifest', () => {
  it('reads config and layers of an image manifest, digest computed from the bytes', () => {
    const raw = bytes({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: 'application/vnd.docker.container.image.v1+json', digest: d('a'), size: 10 },
      layers: [
        { mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: d('b'), size: 20 },
        { mediaType: 'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip', digest: d('c'), size: 30, urls: ['https://example/c'] },
      ],
    });
    const manifest = parseManifest(raw, DOCKER_MANIFEST);
    expect(manifest.mediaType).toBe(DOCKER_MANIFEST);
    expect(manifest.digest).toBe(sha256Digest(raw));
    expect(manifest.bytes).toBe(raw);
    expect(manifest.references.map((r) => r.digest)).toEqual([d('a'), d('b'), d('c')]);
    expect(requiredBlobs(manifest).map((r) => r.digest)).toEqual([d('a'), d('b')]);
  });

  it('reads index entries with their platforms', () => {
    const manifest = parseManifest(
      bytes({
        schemaVersion: 2,
        manifests: [
          { mediaType: 'm', digest: d('1'), size: 5, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
          { mediaType: 'm', digest: d('2'), size: 6, platform: { os: 'unknown', architecture: 'unknown' } },
          { mediaType: 'm', digest: d('3'), size: 7 },
        ],
      }),
      null,
    );
    expect(manifest.mediaType).toBe(OCI_INDEX);
    expect(manifest.references.map((r) => r.platform)).toEqual([
      { os: 'linux', architecture: 'arm64', variant: 'v8' },
      { os: 'unknown', architecture: 'unknown' },
      undefined,
    ]);
  });

  it.each([
    ['not JSON', Buffer.from('{'), 'not valid JSON'],
    ['schema 1', bytes({ schemaVersion: 1, fsLayers: [] }), 'unsupported manifest type'],
    ['no config', bytes({ schemaVersion: 2, layers: [] }), 'config is missing'],
    ['sha512 digest', bytes({ schemaVersion: 2, manifests: [{ digest: `sha512:${'a'.repeat(128)}`, size: 1 }] }), 'unsupported digest'],
    ['negative size', bytes({ schemaVersion: 2, manifests: [{ digest: d('a'), size: -1 }] }), 'invalid size'],
  ])('refuses %s', (_name, raw, message) => {
    expect(() => parseManifest(raw, null)).toThrow(message);
  });
});
