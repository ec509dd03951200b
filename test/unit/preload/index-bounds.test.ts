// An OCI index is walked within bounds: an index listing more manifests than sew-ci follows is
// refused naming the image and the count, before any child is fetched; and the first child
// lost stops the walk, instead of fetching every other child of an image already lost.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_INDEX_MANIFESTS } from '../../../src/core/oci/manifest.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import { parseReference } from '../../../src/core/images/reference.js';
import { serve, type Served } from '../../support/loopback-server.js';

const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';

/** An index of `count` image manifests, none of which the registry has. */
function indexOf(count: number): string {
  const manifests = Array.from({ length: count }, (_, i) => ({
    mediaType: OCI_MANIFEST,
    digest: `sha256:${i.toString(16).padStart(64, '0')}`,
    size: 100,
    platform: { os: 'linux', architecture: `arch${i}` },
  }));
  return JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests });
}

describe('index walks', () => {
  let registry: Served | undefined;
  afterEach(async () => registry?.close());

  it.each([
    ['over the bound', MAX_INDEX_MANIFESTS + 1, `the index lists ${MAX_INDEX_MANIFESTS + 1} manifests, more than the ${MAX_INDEX_MANIFESTS} sew-ci follows`, 0],
    ['within it, whose children are missing', MAX_INDEX_MANIFESTS, 'HTTP 404: MANIFEST_UNKNOWN', 8],
  ])('an index %s fails the image, fetching at most a few children', async (_, count, error, maxChildren) => {
    const index = indexOf(count);
    registry = await serve((req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      if (req.url === '/v2/acme/app/manifests/1') return void res.writeHead(200, { 'content-type': OCI_INDEX }).end(index);
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}');
    });
    const host = new URL(registry.url).host;
    const report = await copyImages([{ source: parseReference(`${host}/acme/app:1`) }], {
      target: { root: mkdtempSync(join(tmpdir(), 'sew-index-')) },
      upstream: () => ({ url: registry!.url }),
      credentials: async () => undefined,
      platforms: 'all',
    });
    expect(report.results[0]?.error).toContain(`${host}/acme/app:1: `);
    expect(report.results[0]?.error).toContain(error);
    const children = registry.seen.filter((r) => r.path.startsWith('/v2/acme/app/manifests/sha256:'));
    expect(children.length).toBeLessThanOrEqual(maxChildren);
  });
});
