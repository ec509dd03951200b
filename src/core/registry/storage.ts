// distribution's filesystem layout, read directly: for the cache fingerprint, the check of
// restored blobs and the offline `verify`, none of which needs a running registry.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

function v2(root: string): string {
  return join(root, 'docker', 'registry', 'v2');
}

export function blobDataPath(root: string, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(v2(root), 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
}

/** The directory holding a blob; removing it removes the blob. */
export function blobDir(root: string, digest: string): string {
  return join(blobDataPath(root, digest), '..');
}

/** Every blob digest in the store (by name; see `blobProblem` for the content). */
export async function storedBlobs(root: string): Promise<string[]> {
  const store = join(v2(root), 'blobs', 'sha256');
  const digests: string[] = [];
  for (const prefix of await readdir(store).catch(() => [] as string[])) {
    for (const hex of await readdir(join(store, prefix)).catch(() => [] as string[])) digests.push(`sha256:${hex}`);
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

/** A repository's directory: `_manifests` (tags, revisions), `_layers`, `_uploads`. */
export function repositoryDir(root: string, repository: string): string {
  return join(v2(root), 'repositories', repository);
}

/** The digest a tag points to, undefined when the tag is not there. */
export async function taggedDigest(root: string, repository: string, tag: string): Promise<string | undefined> {
  const link = join(repositoryDir(root, repository), '_manifests', 'tags', tag, 'current', 'link');
  return (await readFile(link, 'utf8').catch(() => undefined))?.trim();
}

/** Every repository name in the store (`upstream.test_5900/team/one`): a directory holding `_manifests`. */
export async function storedRepositories(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (name: string): Promise<void> => {
    const entries = await readdir(repositoryDir(root, name), { withFileTypes: true }).catch(() => []);
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
