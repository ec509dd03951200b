// Restored cache content is trusted only by digest. A registry serves whatever bytes sit in
// its blob store, so every blob of a restored data directory is hashed, and one whose bytes
// do not match its name is removed: the copier then fetches it again, or says it cannot.
import { rm } from 'node:fs/promises';
import { blobDir, blobProblem, registryRoots, storedBlobs } from '../storage/layout.js';

export interface BlobCheck {
  readonly checked: number;
  /** Digests whose content did not match, now removed. */
  readonly removed: readonly string[];
}

async function dropDamagedBlobs(registryRoot: string): Promise<BlobCheck> {
  const removed: string[] = [];
  const digests = await storedBlobs(registryRoot);
  let checked = 0;
  for (const digest of digests) {
    const problem = await blobProblem(registryRoot, digest);
    if (problem === 'missing') continue;
    checked++;
    if (problem) {
      await rm(blobDir(registryRoot, digest), { recursive: true, force: true });
      removed.push(digest);
    }
  }
  return { checked, removed };
}

/** Every registry root in the cached paths: the preload data, and each mirror's under mirrors data. */
export async function dropDamagedBlobsIn(paths: readonly string[]): Promise<BlobCheck> {
  let checked = 0;
  const removed: string[] = [];
  for (const path of paths) {
    for (const root of await registryRoots(path)) {
      const result = await dropDamagedBlobs(root);
      checked += result.checked;
      removed.push(...result.removed);
    }
  }
  return { checked, removed };
}
