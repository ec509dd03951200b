// What the cache holds, and a fingerprint of it. Keys are immutable, so the saved key names
// the content too: a mirror cache that grew gets a new key; an unchanged one is not saved.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { blobDataPath, registryRoots, storedBlobs } from '../storage/layout.js';

/** Hash of the blob digests stored under each path (a registry's content is its blob set). */
export async function contentFingerprint(paths: readonly string[]): Promise<string> {
  const hash = createHash('sha256');
  // By position, not path: a runner's home directory may differ from the one that saved.
  for (const [i, path] of paths.entries()) {
    hash.update(`${i}\n`);
    const digests = (await Promise.all((await registryRoots(path)).map(storedBlobs))).flat();
    for (const digest of digests.sort()) hash.update(`${digest}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

/** Bytes of the blobs stored under a cached path: what a pull-through mirror fetched grows it. */
export async function storedBytes(path: string): Promise<number> {
  let total = 0;
  for (const root of await registryRoots(path)) {
    for (const digest of await storedBlobs(root)) total += (await stat(blobDataPath(root, digest)).catch(() => undefined))?.size ?? 0;
  }
  return total;
}

export interface CacheKeys {
  readonly primary: string;
  readonly restoreKeys: readonly string[];
}

/** Restore: the plan's newest cache, else any sew-ci cache (the nearest one is better than none). */
export function restoreKeys(prefix: string, cacheKey: string): CacheKeys {
  return { primary: `${prefix}${cacheKey}`, restoreKeys: [`${prefix}${cacheKey}-`, `${prefix}${cacheKey.replace(/[0-9a-f]+$/, '')}`] };
}

export function saveKey(prefix: string, cacheKey: string, fingerprint: string): string {
  return `${prefix}${cacheKey}-${fingerprint}`;
}
