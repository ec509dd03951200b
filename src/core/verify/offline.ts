// `verify`: every preloaded ref resolves and every blob it needs is present with the right
// digest, read straight from the preload registry's storage. No upstream is asked, no
// registry need be running: what an air-gapped run can count on.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { formatReference, preloadRepository, type ImageRef } from '../images/reference.js';
import { isIndex } from '../registry/media-types.js';
import { parseManifest, requiredBlobs } from '../registry/manifest.js';

export interface ImageCheck {
  readonly ref: string;
  readonly ok: boolean;
  readonly digest?: string;
  /** What is wrong, naming the blob or tag. */
  readonly problem?: string;
}

export async function verifyPreloaded(registryRoot: string, refs: readonly ImageRef[]): Promise<ImageCheck[]> {
  const storage = join(registryRoot, 'docker', 'registry', 'v2');
  const verified = new Map<string, Promise<string | undefined>>();
  const blobProblem = (digest: string) => {
    let check = verified.get(digest);
    if (!check) verified.set(digest, (check = checkBlob(storage, digest)));
    return check;
  };
  return Promise.all(
    refs.map(async (ref): Promise<ImageCheck> => {
      const repository = preloadRepository(ref);
      const digest = ref.digest ?? (await tagTarget(storage, repository, ref.tag ?? 'latest'));
      if (!digest) return { ref: formatReference(ref), ok: false, problem: `tag ${ref.tag ?? 'latest'} not preloaded` };
      const problem = await manifestProblem(storage, digest, blobProblem);
      return { ref: formatReference(ref), ok: problem === undefined, digest, ...(problem && { problem }) };
    }),
  );
}

async function manifestProblem(storage: string, digest: string, blobProblem: (d: string) => Promise<string | undefined>): Promise<string | undefined> {
  const own = await blobProblem(digest);
  if (own) return `manifest ${own}`;
  const manifest = parseManifest(await readFile(blobData(storage, digest)), null);
  const parts = isIndex(manifest.mediaType)
    ? manifest.references.map((child) => manifestProblem(storage, child.digest, blobProblem))
    : requiredBlobs(manifest).map(async (blob) => {
        const problem = await blobProblem(blob.digest);
        return problem && `blob ${problem}`;
      });
  return (await Promise.all(parts)).find((p) => p !== undefined);
}

async function tagTarget(storage: string, repository: string, tag: string): Promise<string | undefined> {
  const link = join(storage, 'repositories', repository, '_manifests', 'tags', tag, 'current', 'link');
  return (await readFile(link, 'utf8').catch(() => undefined))?.trim();
}

function blobData(storage: string, digest: string): string {
  const hex = digest.slice('sha256:'.length);
  return join(storage, 'blobs', 'sha256', hex.slice(0, 2), hex, 'data');
}

async function checkBlob(storage: string, digest: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    await pipeline(createReadStream(blobData(storage, digest)), hash);
  } catch {
    return `${digest} missing`;
  }
  return `sha256:${hash.digest('hex')}` === digest ? undefined : `${digest} does not match its content`;
}
