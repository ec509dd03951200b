// Before a save, the preload data is cut down to what the plan preloads, so the cache tracks
// the image set instead of growing with every image ever listed. Mirror data is never pruned:
// it holds what the nodes pulled. Run with the registry stopped: distribution keeps no index
// besides these files, so removing them from a stopped registry is a consistent delete.
import { readdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { formatBytes } from '../format.js';
import { preloadRepository, type ImageRef } from '../images/reference.js';
import { isIndex } from '../oci/media-types.js';
import { SHA256_DIGEST } from '../images/reference.js';
import { parseManifest } from '../oci/manifest.js';
import { blobDataPath, blobDir, repositoryDir, storedBlobs, storedRepositories, taggedDigest } from '../storage/layout.js';
import { PreloadStore } from '../storage/preload-store.js';

export type PruneResult =
  | { readonly pruned: true; readonly repositories: readonly string[]; readonly tags: readonly string[]; readonly blobs: readonly string[]; readonly bytes: number }
  /** Nothing removed: what kept could not be told for sure. */
  | { readonly pruned: false; readonly reason: string };

interface Kept {
  /** Repository -> the tags the plan names in it. */
  readonly tags: Map<string, Set<string>>;
  readonly manifests: Set<string>;
  readonly blobs: Set<string>;
  /** The manifests the plan's tags point to. */
  readonly tagged: Set<string>;
}

export async function prunePreload(root: string, refs: readonly ImageRef[]): Promise<PruneResult> {
  let kept: Kept;
  try {
    kept = await referenced(root, refs);
    await keepUpstreamIndexes(root, kept);
  } catch (err) {
    return { pruned: false, reason: (err as Error).message };
  }
  const remove = removerUnder(root);
  const repositories: string[] = [];
  const tags: string[] = [];
  for (const repository of await storedRepositories(root)) {
    const keptTags = kept.tags.get(repository);
    if (!keptTags) {
      await remove(repositoryDir(root, repository));
      repositories.push(repository);
      continue;
    }
    const dir = repositoryDir(root, repository);
    for (const tag of await names(join(dir, '_manifests', 'tags'))) {
      if (keptTags.has(tag)) continue;
      await remove(join(dir, '_manifests', 'tags', tag));
      tags.push(`${repository}:${tag}`);
    }
    await removeLinks(join(dir, '_manifests', 'revisions', 'sha256'), kept.manifests, remove);
    await removeLinks(join(dir, '_layers', 'sha256'), kept.blobs, remove);
    // Uploads a stopped registry left half-done are never resumed.
    await remove(join(dir, '_uploads'));
  }
  const blobs: string[] = [];
  let bytes = 0;
  for (const digest of await storedBlobs(root)) {
    if (kept.blobs.has(digest) || !SHA256_DIGEST.test(digest)) continue;
    bytes += await stat(blobDataPath(root, digest)).then((s) => s.size, () => 0);
    await remove(blobDir(root, digest));
    blobs.push(digest);
  }
  return { pruned: true, repositories, tags, blobs, bytes };
}

/** What the plan's refs reach: their manifests, index children, configs and layers. */
async function referenced(root: string, refs: readonly ImageRef[]): Promise<Kept> {
  const kept: Kept = { tags: new Map(), manifests: new Set(), blobs: new Set(), tagged: new Set() };
  const visit = async (digest: string, top: boolean): Promise<void> => {
    if (kept.manifests.has(digest)) return;
    kept.manifests.add(digest);
    kept.blobs.add(digest);
    const bytes = await readFile(blobDataPath(root, digest)).catch(() => undefined);
    // An index child of a platform not preloaded is absent by design; a top manifest is not.
    if (!bytes) {
      if (top) throw new Error(`manifest ${digest} is not in the store`);
      return;
    }
    let manifest;
    try {
      manifest = parseManifest(bytes, null);
    } catch (err) {
      throw new Error(`manifest ${digest} cannot be read: ${(err as Error).message}`);
    }
    for (const child of manifest.references) {
      if (isIndex(manifest.mediaType)) await visit(child.digest, false);
      else kept.blobs.add(child.digest);
    }
  };
  for (const ref of refs) {
    const repository = preloadRepository(ref);
    const tags = kept.tags.get(repository) ?? new Set<string>();
    kept.tags.set(repository, tags);
    const tag = ref.tag ?? (ref.digest === undefined ? 'latest' : undefined);
    if (tag !== undefined) tags.add(tag);
    const digest = ref.digest ?? (await taggedDigest(root, repository, tag!));
    if (!digest) throw new Error(`${repository}:${tag} is not preloaded`);
    if (tag !== undefined) kept.tagged.add(digest);
    await visit(digest, true);
  }
  return kept;
}

/**
 * The upstream indexes the copier keeps unlinked beside a tag it pointed at one platform's
 * manifest (see copier.ts): without them the next run cannot map the upstream's HEAD answer
 * to the tagged child and spends a manifest GET per such image, which registries such as
 * Docker Hub count against pull limits. No link names them, so they are found by content:
 * any stored index listing a manifest a kept tag points to.
 */
async function keepUpstreamIndexes(root: string, kept: Kept): Promise<void> {
  const store = new PreloadStore(root);
  for (const digest of await storedBlobs(root)) {
    if (kept.blobs.has(digest)) continue;
    const manifest = await store.storedManifest(digest);
    if (manifest !== undefined && isIndex(manifest.mediaType) && manifest.references.some((child) => kept.tagged.has(child.digest))) kept.blobs.add(digest);
  }
}

async function removeLinks(dir: string, keep: ReadonlySet<string>, remove: (path: string) => Promise<void>): Promise<void> {
  for (const hex of await names(dir)) if (!keep.has(`sha256:${hex}`)) await remove(join(dir, hex));
}

async function names(dir: string): Promise<string[]> {
  return readdir(dir).catch(() => [] as string[]);
}

/** Removes paths strictly inside `root`, then the directories the removal left empty. */
function removerUnder(root: string): (path: string) => Promise<void> {
  const base = resolve(root);
  return async (path) => {
    const target = resolve(path);
    if (!target.startsWith(`${base}${sep}`)) throw new Error(`refusing to remove ${target}: outside ${base}`);
    await rm(target, { recursive: true, force: true });
    for (let dir = dirname(target); relative(base, dir) !== '' && !relative(base, dir).startsWith('..'); dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  };
}

/** What a prune did, as the CLI and the action's post step both say it. */
export function describePrune(result: PruneResult): string {
  return result.pruned
    ? `removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads`
    : `kept everything: ${result.reason}`;
}
