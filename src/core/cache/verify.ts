// Restored cache content is trusted only by digest. A registry serves whatever bytes sit in
// its blob store, so every blob of a restored data directory is hashed, and one whose bytes
// do not match its name is removed: the copier then fetches it again, or says it cannot.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

export interface BlobCheck {
  readonly checked: number;
  /** Digests whose content did not match, now removed. */
  readonly removed: readonly string[];
}

export async function dropDamagedBlobs(registryRoot: string): Promise<BlobCheck> {
  const store = join(registryRoot, 'docker', 'registry', 'v2', 'blobs', 'sha256');
  let checked = 0;
  const removed: string[] = [];
  for (const prefix of await readdir(store).catch(() => [] as string[])) {
    for (const hex of await readdir(join(store, prefix)).catch(() => [] as string[])) {
      const data = join(store, prefix, hex, 'data');
      const hash = createHash('sha256');
      try {
        await pipeline(createReadStream(data), hash);
      } catch {
        continue;
      }
      checked++;
      if (hash.digest('hex') !== hex) {
        await rm(join(store, prefix, hex), { recursive: true, force: true });
        removed.push(`sha256:${hex}`);
      }
    }
  }
  return { checked, removed };
}

/** Every registry root in the cached paths: the preload data, and each mirror's under mirrors data. */
export async function dropDamagedBlobsIn(paths: readonly string[]): Promise<BlobCheck> {
  let checked = 0;
  const removed: string[] = [];
  for (const path of paths) {
    const entries = await readdir(path).catch(() => [] as string[]);
    const roots = entries.includes('docker') ? [path] : entries.map((e) => join(path, e));
    for (const root of roots) {
      const result = await dropDamagedBlobs(root);
      checked += result.checked;
      removed.push(...result.removed);
    }
  }
  return { checked, removed };
}
