import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  ManifestFormatError,
  StorageLayoutError,
  blobDataPath,
  blobProblem,
  isIndex,
  parseManifest,
  requiredBlobs,
  taggedDigest
} from "./chunk-ZFLQE3JO.js";
import {
  SHA256_DIGEST,
  formatReference,
  parseReference,
  preloadRepository
} from "./chunk-Z6TURJHQ.js";

// src/core/verify/offline.ts
import { readFile } from "node:fs/promises";
function verifyPlanPreload(plan) {
  return verifyPreloaded(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
}
async function verifyPreloaded(registryRoot, refs) {
  const blob = memo((digest) => checkBlob(registryRoot, digest));
  const manifest = memo((digest) => manifestProblem(registryRoot, digest, blob, manifest));
  return Promise.all(refs.map((ref) => checkImage(registryRoot, ref, manifest)));
}
async function checkImage(root, ref, manifest) {
  const name = formatReference(ref);
  try {
    const digest = ref.digest ?? await taggedDigest(root, preloadRepository(ref), ref.tag ?? "latest");
    if (!digest) return { ref: name, ok: false, problem: `tag ${ref.tag ?? "latest"} not preloaded` };
    if (!SHA256_DIGEST.test(digest)) return { ref: name, ok: false, digest, problem: "only sha256 digests are stored" };
    const problem = await manifest(digest);
    return { ref: name, ok: problem === void 0, digest, ...problem && { problem } };
  } catch (err) {
    if (err instanceof ManifestFormatError || err instanceof StorageLayoutError) return { ref: name, ok: false, problem: err.message };
    throw err;
  }
}
async function manifestProblem(root, digest, blob, manifest) {
  const own = await blob(digest);
  if (own) return `manifest ${own}`;
  const parsed = parseManifest(await readFile(blobDataPath(root, digest)), null);
  const parts = isIndex(parsed.mediaType) ? parsed.references.map((child) => manifest(child.digest)) : requiredBlobs(parsed).map(async (b) => {
    const problem = await blob(b.digest);
    return problem && `blob ${problem}`;
  });
  return (await Promise.all(parts)).find((p) => p !== void 0);
}
async function checkBlob(root, digest) {
  const problem = await blobProblem(root, digest);
  return problem && `${digest} ${problem}`;
}
function memo(check) {
  const seen = /* @__PURE__ */ new Map();
  return (digest) => {
    let result = seen.get(digest);
    if (!result) seen.set(digest, result = check(digest));
    return result;
  };
}

export {
  verifyPlanPreload
};
