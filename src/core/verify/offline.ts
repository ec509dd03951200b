// `verify`: every preloaded ref resolves and every blob it needs is present with the right
// digest, read straight from the preload registry's storage. No upstream is asked, no
// registry need be running: what an air-gapped run can count on.
import { readFile } from 'node:fs/promises';
import { formatReference, parseReference, preloadRepository, type ImageRef } from '../images/reference.js';
import type { Plan } from '../plan.js';
import { isIndex } from '../registry/media-types.js';
import { parseManifest, requiredBlobs } from '../registry/manifest.js';
import { blobDataPath, blobProblem, taggedDigest } from '../registry/storage.js';

export interface ImageCheck {
  readonly ref: string;
  readonly ok: boolean;
  readonly digest?: string;
  /** What is wrong, naming the blob or tag. */
  readonly problem?: string;
}

/** Every image the plan preloads, checked in its preload data. */
export function verifyPlanPreload(plan: Plan): Promise<ImageCheck[]> {
  return verifyPreloaded(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
}

export async function verifyPreloaded(registryRoot: string, refs: readonly ImageRef[]): Promise<ImageCheck[]> {
  const verified = new Map<string, Promise<string | undefined>>();
  const checkOnce = (digest: string) => {
    let check = verified.get(digest);
    if (!check) verified.set(digest, (check = checkBlob(registryRoot, digest)));
    return check;
  };
  return Promise.all(
    refs.map(async (ref): Promise<ImageCheck> => {
      const repository = preloadRepository(ref);
      const digest = ref.digest ?? (await taggedDigest(registryRoot, repository, ref.tag ?? 'latest'));
      if (!digest) return { ref: formatReference(ref), ok: false, problem: `tag ${ref.tag ?? 'latest'} not preloaded` };
      const problem = await manifestProblem(registryRoot, digest, checkOnce);
      return { ref: formatReference(ref), ok: problem === undefined, digest, ...(problem && { problem }) };
    }),
  );
}

async function manifestProblem(root: string, digest: string, check: (d: string) => Promise<string | undefined>): Promise<string | undefined> {
  const own = await check(digest);
  if (own) return `manifest ${own}`;
  const manifest = parseManifest(await readFile(blobDataPath(root, digest)), null);
  const parts = isIndex(manifest.mediaType)
    ? manifest.references.map((child) => manifestProblem(root, child.digest, check))
    : requiredBlobs(manifest).map(async (blob) => {
        const problem = await check(blob.digest);
        return problem && `blob ${problem}`;
      });
  return (await Promise.all(parts)).find((p) => p !== undefined);
}

async function checkBlob(root: string, digest: string): Promise<string | undefined> {
  const problem = await blobProblem(root, digest);
  return problem && `${digest} ${problem}`;
}
