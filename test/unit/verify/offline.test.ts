// `verify` on a restored, possibly hostile, preload data directory: distribution's layout
// written by hand, so each fault is exactly the one under test.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/core/images/reference.js';
import { verifyPreloaded } from '../../../src/core/verify/offline.js';
import { blob, image, imageIndex, textLayer, type Blob, type BuiltManifest } from '../../support/oci-images.js';
import { writeTree } from '../../support/tree.js';

const v2 = (root: string) => join(root, 'docker', 'registry', 'v2');

function putBlob(root: string, b: Blob): void {
  const hex = b.digest.slice('sha256:'.length);
  const dir = join(v2(root), 'blobs', 'sha256', hex.slice(0, 2), hex);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'data'), b.bytes);
}

function putImage(root: string, m: BuiltManifest): void {
  for (const b of [m, ...m.blobs]) putBlob(root, b);
}

function tag(root: string, repository: string, name: string, link: string): void {
  const dir = join(v2(root), 'repositories', repository, '_manifests', 'tags', name, 'current');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'link'), link);
}

const refs = (...texts: string[]) => texts.map((t) => parseReference(t));

describe('verify on hostile data', () => {
  it('a tag link that is not a sha256 digest fails that image, reading nothing it names', async () => {
    const root = writeTree({});
    const good = image([textLayer('verify-good')], undefined, 'good');
    putImage(root, good);
    tag(root, 'upstream.test_5900/team/good', '1', good.digest);
    // What the link would reach: a "blob" outside the blob store that verifies by itself.
    const outside = blob(Buffer.from('outside'));
    mkdirSync(join(v2(root), 'x'), { recursive: true });
    writeFileSync(join(v2(root), 'x', 'data'), outside.bytes);
    tag(root, 'upstream.test_5900/team/evil', '1', 'sha256:../../../x');
    const checks = await verifyPreloaded(root, refs('upstream.test:5900/team/good:1', 'upstream.test:5900/team/evil:1'));
    expect(checks).toEqual([
      { ref: 'upstream.test:5900/team/good:1', ok: true, digest: good.digest },
      { ref: 'upstream.test:5900/team/evil:1', ok: false, problem: 'the link of tag 1 is not a sha256 digest' },
    ]);
  });

  it('a stored manifest that is not JSON fails that image, and the others are still checked', async () => {
    const root = writeTree({});
    const good = image([textLayer('verify-good-2')], undefined, 'good');
    putImage(root, good);
    tag(root, 'docker.io/library/good', 'latest', good.digest);
    const junk = blob(Buffer.from('not json at all'));
    putBlob(root, junk);
    tag(root, 'docker.io/library/junk', 'latest', junk.digest);
    const checks = await verifyPreloaded(root, refs('junk', 'good'));
    expect(checks).toEqual([
      { ref: 'docker.io/library/junk:latest', ok: false, problem: 'manifest is not valid JSON' },
      { ref: 'docker.io/library/good:latest', ok: true, digest: good.digest },
    ]);
  });

  it('an index repeating its children is walked once per manifest, not once per path', async () => {
    // 40 levels of an index listing the level below twice: 2^40 paths, 41 manifests.
    const root = writeTree({});
    const platform = { os: 'linux', architecture: 'amd64' };
    let top: BuiltManifest = image([textLayer('verify-deep')], platform, 'deep');
    putImage(root, top);
    for (let level = 0; level < 40; level++) {
      top = imageIndex([
        { manifest: top, platform },
        { manifest: top, platform },
      ]);
      putBlob(root, top);
    }
    tag(root, 'docker.io/library/deep', 'latest', top.digest);
    expect(await verifyPreloaded(root, refs('deep'))).toEqual([{ ref: 'docker.io/library/deep:latest', ok: true, digest: top.digest }]);
  });
});
