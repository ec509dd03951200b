// distribution's filesystem layout (registry/storage/paths.go): read for the cache fingerprint,
// the check of restored blobs and the offline `verify`, and written by the preload store,
// none of which needs a running registry. A link file holds a digest and nothing else.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { TAG, SHA256_DIGEST } from '../images/reference.js';

/** What is on disk does not have distribution's layout: a restored cache may hold anything. `verify` reports it per image. */
export class StorageLayoutError extends Error {}

const REPOSITORY = /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*$/;

/** Names become paths: anything that could climb out of the store is refused, whoever made it. */
function checked(kind: 'digest' | 'repository' | 'tag', value: string): string {
  const pattern = kind === 'digest' ? SHA256_DIGEST : kind === 'repository' ? REPOSITORY : TAG;
  if (!pattern.test(value)) throw new Error(`not a valid ${kind} for registry storage: ${JSON.stringify(value)}`);
  return value;
}

function v2(root: string): string {
  return join(root, 'docker', 'registry', 'v2');
}

function hexOf(digest: string): string {
  return checked('digest', digest).slice('sha256:'.length);
}

/** A repository's directory: `_manifests` (tags, revisions), `_layers`, `_uploads`. */
export function repositoryDir(root: string, repository: string): string {
  return join(v2(root), 'repositories', checked('repository', repository));
}

export function blobDataPath(root: string, digest: string): string {
  const hex = hexOf(digest);
  return join(v2(root), 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
}

/** The directory holding a blob; removing it removes the blob. */
export function blobDir(root: string, digest: string): string {
  return join(blobDataPath(root, digest), '..');
}

/** Makes a blob part of a repository: without it the registry answers 404 for the blob there. */
export function layerLinkPath(root: string, repository: string, digest: string): string {
  return join(repositoryDir(root, repository), '_layers', 'sha256', hexOf(digest), 'link');
}

/** Makes a manifest (a blob) servable by digest from a repository. */
export function revisionLinkPath(root: string, repository: string, digest: string): string {
  return join(repositoryDir(root, repository), '_manifests', 'revisions', 'sha256', hexOf(digest), 'link');
}

/** What a tag points to now. */
export function tagCurrentLinkPath(root: string, repository: string, tag: string): string {
  return join(repositoryDir(root, repository), '_manifests', 'tags', checked('tag', tag), 'current', 'link');
}

/** Every manifest a tag has pointed to: what the registry's tag deletion walks. */
export function tagIndexLinkPath(root: string, repository: string, tag: string, digest: string): string {
  return join(repositoryDir(root, repository), '_manifests', 'tags', checked('tag', tag), 'index', 'sha256', hexOf(digest), 'link');
}

/**
 * A link's digest, undefined when the link is missing or holds no digest. Read at once: a
 * link is 71 bytes on a local disk, and fs/promises' readFile makes four trips through the
 * thread pool (open, stat, read, close), which cost a warm run of many images more than the
 * reads themselves.
 */
export async function readLink(path: string): Promise<string | undefined> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
  return SHA256_DIGEST.test(text) ? text : undefined;
}

/** Every blob digest in the store (by name; see `blobProblem` for the content); other names are not blobs. */
export async function storedBlobs(root: string): Promise<string[]> {
  const store = join(v2(root), 'blobs', 'sha256');
  const digests: string[] = [];
  for (const prefix of await readdir(store).catch(() => [] as string[])) {
    for (const hex of await readdir(join(store, prefix)).catch(() => [] as string[])) {
      if (SHA256_DIGEST.test(`sha256:${hex}`) && hex.startsWith(prefix)) digests.push(`sha256:${hex}`);
    }
  }
  return digests;
}

/** Undefined when the blob is there with the bytes its digest names; otherwise what is wrong. */
export async function blobProblem(root: string, digest: string): Promise<'missing' | 'does not match its content' | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(blobDataPath(root, digest)), hash);
  } catch {
    return 'missing';
  }
  return `sha256:${hash.digest('hex')}` === digest ? undefined : 'does not match its content';
}


/**
 * The digest a tag points to, undefined when the tag is not there. A link is a path's last
 * part once joined, so anything but `sha256:<64 hex>` (`sha256:../../x`) is refused, unquoted.
 */
export async function taggedDigest(root: string, repository: string, tag: string): Promise<string | undefined> {
  const link = tagCurrentLinkPath(root, repository, tag);
  const digest = (await readFile(link, 'utf8').catch(() => undefined))?.trim();
  if (digest !== undefined && !SHA256_DIGEST.test(digest)) throw new StorageLayoutError(`the link of tag ${tag} is not a sha256 digest`);
  return digest;
}

/** Every repository name in the store (`upstream.test_5900/team/one`): a directory holding `_manifests`. */
export async function storedRepositories(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (name: string): Promise<void> => {
    const entries = await readdir(join(v2(root), 'repositories', name), { withFileTypes: true }).catch(() => []);
    if (name && entries.some((e) => e.name === '_manifests')) {
      found.push(name);
      return;
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith('_')) await walk(name ? `${name}/${e.name}` : e.name);
  };
  await walk('');
  return found.sort();
}

/** The registry roots in a cached path: itself (preload), or one per host (mirrors' `data`). */
export async function registryRoots(path: string): Promise<string[]> {
  const entries = await readdir(path).catch(() => [] as string[]);
  return entries.includes('docker') ? [path] : entries.sort().map((e) => join(path, e));
}
