// Cache entries kept apart from the registry data (the node image): each under a key that names
// its content, so it is restored by that exact key only and saved once, when whole. A change
// of the preload list never archives the node image again.
import { basename } from 'node:path';
import { parseReference, preloadRepository } from '../images/reference.js';
import { parsePlatform } from '../oci/platform.js';
import { PreloadStore } from '../storage/preload-store.js';
import { cachedToolProblem } from '../tools/cached.js';
import type { SeparateCache } from './key.js';

/** A separate entry as the save finds it after a run: whether the restore found its key. */
export type SeparateHandoff = SeparateCache & { readonly restored: boolean };

export function separateKey(prefix: string, entry: Pick<SeparateCache, 'key'>): string {
  return `${prefix}${entry.key}`;
}

/** The entry as a reader of the summary names it: `Kind node image`, `kind binary`. */
export function separateLabel(entry: SeparateCache): string {
  return entry.name === 'node-image' ? 'Kind node image' : `${basename(entry.tool.binary)} binary`;
}

/** Whether what the entry names is whole: the image in its storage for its one platform, the tool with its sha256. */
export async function separateWhole(entry: SeparateCache): Promise<boolean> {
  if (entry.name === 'tool') return (await cachedToolProblem(entry.tool.binary)) === undefined;
  const ref = parseReference(entry.image.ref);
  const root = entry.paths[0];
  if (ref.digest === undefined || root === undefined) return false;
  return (await new PreloadStore(root).platformImage(preloadRepository(ref), ref.digest, parsePlatform(entry.image.platform))) !== undefined;
}
