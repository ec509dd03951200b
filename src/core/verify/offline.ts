// `verify`: every preloaded ref resolves and every blob it needs is present with the right
// digest, read straight from the preload registry's storage. No upstream is asked, no
// registry need be running: what an air-gapped run can count on. Whatever is wrong with one
// image (a bad tag link, a manifest that is not JSON) fails that image, not the whole check.
import { readFile } from 'node:fs/promises';
import { formatReference, parseReference, preloadRepository, type ImageRef } from '../images/reference.js';
import type { Plan } from '../plan.js';
import { isIndex } from '../oci/media-types.js';
import { SHA256_DIGEST } from '../images/reference.js';
import { ManifestFormatError, parseManifest, requiredBlobs } from '../oci/manifest.js';
import { blobDataPath, blobProblem, StorageLayoutError, taggedDigest } from '../storage/layout.js';

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

type Check = (digest: string) => Promise<string | undefined>;

export async function verifyPreloaded(registryRoot: string, refs: readonly ImageRef[]): Promise<ImageCheck[]> {
  // Each blob is hashed once and each manifest walked once, however often they are shared:
  // an index repeating its children would otherwise cost exponential time.
  const blob = memo((digest) => checkBlob(registryRoot, digest));
  const manifest: Check = memo((digest) => manifestProblem(registryRoot, digest, blob, manifest));
  return Promise.all(refs.map((ref) => checkImage(registryRoot, ref, manifest)));
}

async function checkImage(root: string, ref: ImageRef, manifest: Check): Promise<ImageCheck> {
  const name = formatReference(ref);
  try {
    const digest = ref.digest ?? (await taggedDigest(root, preloadRepository(ref), ref.tag ?? 'latest'));
    if (!digest) return { ref: name, ok: false, problem: `tag ${ref.tag ?? 'latest'} not preloaded` };
    if (!SHA256_DIGEST.test(digest)) return { ref: name, ok: false, digest, problem: 'only sha256 digests are stored' };
    const problem = await manifest(digest);
    return { ref: name, ok: problem === undefined, digest, ...(problem && { problem }) };
  } catch (err) {
    if (err instanceof ManifestFormatError || err instanceof StorageLayoutError) return { ref: name, ok: false, problem: err.message };
    throw err;
  }
}

async function manifestProblem(root: string, digest: string, blob: Check, manifest: Check): Promise<string | undefined> {
  const own = await blob(digest);
  if (own) return `manifest ${own}`;
  const parsed = parseManifest(await readFile(blobDataPath(root, digest)), null);
  const parts = isIndex(parsed.mediaType)
    ? parsed.references.map((child) => manifest(child.digest))
    : requiredBlobs(parsed).map(async (b) => {
        const problem = await blob(b.digest);
        return problem && `blob ${problem}`;
      });
  return (await Promise.all(parts)).find((p) => p !== undefined);
}

async function checkBlob(root: string, digest: string): Promise<string | undefined> {
  const problem = await blobProblem(root, digest);
  return problem && `${digest} ${problem}`;
}

function memo(check: Check): Check {
  const seen = new Map<string, Promise<string | undefined>>();
  return (digest) => {
    let result = seen.get(digest);
    if (!result) seen.set(digest, (result = check(digest)));
    return result;
  };
}
