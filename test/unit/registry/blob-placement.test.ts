import { describe, expect, it } from 'vitest';
import { BlobPlacement } from '../../../src/core/registry/blob-placement.js';
import type { RegistryClient, UploadStart } from '../../../src/core/registry/client.js';
import { limiter } from '../../../src/core/registry/limiter.js';

/** The destination calls BlobPlacement makes, over an in-memory set of `repo@digest`. */
function fakeDestination(present: string[] = [], mountable = true) {
  const blobs = new Set(present);
  const log: string[] = [];
  const destination = {
    async hasBlob(repository: string, digest: string): Promise<boolean> {
      log.push(`head ${repository}`);
      return blobs.has(`${repository}@${digest}`);
    },
    async startUpload(repository: string, mount?: { digest: string; from: string }): Promise<UploadStart> {
      if (mount !== undefined) {
        log.push(`mount ${repository} from ${mount.from}`);
        if (mountable && blobs.has(`${mount.from}@${mount.digest}`)) {
          blobs.add(`${repository}@${mount.digest}`);
          return { mounted: true };
        }
      } else log.push(`upload ${repository}`);
      return { mounted: false, location: new URL(`http://dest/${repository}`) };
    },
  };
  return { destination: destination as unknown as RegistryClient, blobs, log };
}

const DIGEST = `sha256:${'d'.repeat(64)}`;

function transferInto(blobs: Set<string>, counter: { n: number }, delay = 5) {
  return async (location: URL): Promise<number> => {
    counter.n++;
    await new Promise((resolve) => setTimeout(resolve, delay));
    blobs.add(`${location.pathname.slice(1)}@${DIGEST}`);
    return 100;
  };
}

describe('BlobPlacement', () => {
  it('transfers a blob shared by several repositories once and mounts it everywhere else', async () => {
    const { destination, blobs, log } = fakeDestination();
    const placement = new BlobPlacement(destination, limiter(4));
    const counter = { n: 0 };
    const moved = await Promise.all(['a/one', 'b/two', 'c/three'].map((repo) => placement.ensure(repo, DIGEST, transferInto(blobs, counter))));
    expect(counter.n).toBe(1);
    expect(moved.sort()).toEqual([0, 0, 100]);
    expect(log.filter((l) => l.startsWith('mount'))).toEqual(['mount b/two from a/one', 'mount c/three from a/one']);
  });

  it('asks once per repository however many images need the blob there', async () => {
    const { destination, blobs, log } = fakeDestination();
    const placement = new BlobPlacement(destination, limiter(4));
    const counter = { n: 0 };
    const moved = await Promise.all([1, 2, 3].map(() => placement.ensure('a/one', DIGEST, transferInto(blobs, counter))));
    expect(counter.n).toBe(1);
    expect(moved).toEqual([100, 0, 0]);
    expect(log).toEqual(['head a/one', 'upload a/one']);
  });

  it('moves nothing for a blob the destination already has, and mounts from there', async () => {
    const { destination, blobs, log } = fakeDestination(['a/one@' + DIGEST]);
    const placement = new BlobPlacement(destination, limiter(4));
    const counter = { n: 0 };
    expect(await placement.ensure('a/one', DIGEST, transferInto(blobs, counter))).toBe(0);
    expect(await placement.ensure('b/two', DIGEST, transferInto(blobs, counter))).toBe(0);
    expect(counter.n).toBe(0);
    expect(log).toEqual(['head a/one', 'head b/two', 'mount b/two from a/one']);
  });

  it('uploads through the offered session when a mount is refused', async () => {
    const { destination, blobs } = fakeDestination([], false);
    const placement = new BlobPlacement(destination, limiter(4));
    const counter = { n: 0 };
    await placement.ensure('a/one', DIGEST, transferInto(blobs, counter));
    expect(await placement.ensure('b/two', DIGEST, transferInto(blobs, counter))).toBe(100);
    expect(counter.n).toBe(2);
    expect(blobs.has(`b/two@${DIGEST}`)).toBe(true);
  });

  it('lets the next repository transfer itself when the first transfer failed', async () => {
    const { destination, blobs } = fakeDestination();
    const placement = new BlobPlacement(destination, limiter(4));
    const failing = placement.ensure('a/one', DIGEST, async () => {
      throw new Error('upstream went away');
    });
    const counter = { n: 0 };
    const second = placement.ensure('b/two', DIGEST, transferInto(blobs, counter));
    await expect(failing).rejects.toThrow('upstream went away');
    expect(await second).toBe(100);
    // And the failed repository may try again.
    expect(await placement.ensure('a/one', DIGEST, transferInto(blobs, counter))).toBe(0);
  });
});
