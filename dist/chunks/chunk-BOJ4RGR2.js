import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  PreloadStore
} from "./chunk-PCMPPVJS.js";
import {
  blobDataPath,
  blobDir,
  isIndex,
  parseManifest,
  repositoryDir,
  storedBlobs,
  storedRepositories,
  taggedDigest
} from "./chunk-ZFLQE3JO.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import {
  resolvePlan
} from "./chunk-5PJVXLQS.js";
import {
  formatBytes
} from "./chunk-Z7SXRXQX.js";
import {
  SHA256_DIGEST,
  parseReference,
  preloadRepository
} from "./chunk-Z6TURJHQ.js";

// src/core/cache/prune.ts
import { readdir, readFile, rm, rmdir, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
async function prunePreload(root, refs) {
  let kept;
  try {
    kept = await referenced(root, refs);
    await keepUpstreamIndexes(root, kept);
  } catch (err) {
    return { pruned: false, reason: err.message };
  }
  const remove = removerUnder(root);
  const repositories = [];
  const tags = [];
  for (const repository of await storedRepositories(root)) {
    const keptTags = kept.tags.get(repository);
    if (!keptTags) {
      await remove(repositoryDir(root, repository));
      repositories.push(repository);
      continue;
    }
    const dir = repositoryDir(root, repository);
    for (const tag of await names(join(dir, "_manifests", "tags"))) {
      if (keptTags.has(tag)) continue;
      await remove(join(dir, "_manifests", "tags", tag));
      tags.push(`${repository}:${tag}`);
    }
    await removeLinks(join(dir, "_manifests", "revisions", "sha256"), kept.manifests, remove);
    await removeLinks(join(dir, "_layers", "sha256"), kept.blobs, remove);
    await remove(join(dir, "_uploads"));
  }
  const blobs = [];
  let bytes = 0;
  for (const digest of await storedBlobs(root)) {
    if (kept.blobs.has(digest) || !SHA256_DIGEST.test(digest)) continue;
    bytes += await stat(blobDataPath(root, digest)).then((s) => s.size, () => 0);
    await remove(blobDir(root, digest));
    blobs.push(digest);
  }
  return { pruned: true, repositories, tags, blobs, bytes };
}
async function referenced(root, refs) {
  const kept = { tags: /* @__PURE__ */ new Map(), manifests: /* @__PURE__ */ new Set(), blobs: /* @__PURE__ */ new Set(), tagged: /* @__PURE__ */ new Set() };
  const visit = async (digest, top) => {
    if (kept.manifests.has(digest)) return;
    kept.manifests.add(digest);
    kept.blobs.add(digest);
    const bytes = await readFile(blobDataPath(root, digest)).catch(() => void 0);
    if (!bytes) {
      if (top) throw new Error(`manifest ${digest} is not in the store`);
      return;
    }
    let manifest;
    try {
      manifest = parseManifest(bytes, null);
    } catch (err) {
      throw new Error(`manifest ${digest} cannot be read: ${err.message}`);
    }
    for (const child of manifest.references) {
      if (isIndex(manifest.mediaType)) await visit(child.digest, false);
      else kept.blobs.add(child.digest);
    }
  };
  for (const ref of refs) {
    const repository = preloadRepository(ref);
    const tags = kept.tags.get(repository) ?? /* @__PURE__ */ new Set();
    kept.tags.set(repository, tags);
    const tag = ref.tag ?? (ref.digest === void 0 ? "latest" : void 0);
    if (tag !== void 0) tags.add(tag);
    const digest = ref.digest ?? await taggedDigest(root, repository, tag);
    if (!digest) throw new Error(`${repository}:${tag} is not preloaded`);
    if (tag !== void 0) kept.tagged.add(digest);
    await visit(digest, true);
  }
  return kept;
}
async function keepUpstreamIndexes(root, kept) {
  const store = new PreloadStore(root);
  for (const digest of await storedBlobs(root)) {
    if (kept.blobs.has(digest)) continue;
    const manifest = await store.storedManifest(digest);
    if (manifest !== void 0 && isIndex(manifest.mediaType) && manifest.references.some((child) => kept.tagged.has(child.digest))) kept.blobs.add(digest);
  }
}
async function removeLinks(dir, keep, remove) {
  for (const hex of await names(dir)) if (!keep.has(`sha256:${hex}`)) await remove(join(dir, hex));
}
async function names(dir) {
  return readdir(dir).catch(() => []);
}
function removerUnder(root) {
  const base = resolve(root);
  return async (path) => {
    const target = resolve(path);
    if (!target.startsWith(`${base}${sep}`)) throw new Error(`refusing to remove ${target}: outside ${base}`);
    await rm(target, { recursive: true, force: true });
    for (let dir = dirname(target); relative(base, dir) !== "" && !relative(base, dir).startsWith(".."); dir = dirname(dir)) {
      if (!await rmdir(dir).then(() => true, () => false)) break;
    }
  };
}
function describePrune(result) {
  return result.pruned ? `removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads` : `kept everything: ${result.reason}`;
}

// src/core/cache-prune.ts
async function cachePrune(options, deps) {
  const plan = await resolvePlan(options, deps.reader(options));
  if (!plan.needs.preloadImages) return { pruned: false, message: "nothing to prune: the plan preloads nothing, so its data is not cached" };
  const result = await withHomeLock(plan.sewHome, deps.reporter, async () => {
    await deps.registries.stop(plan.home.id, [plan.preload.container]);
    return pruneTo(plan.preload);
  });
  return { pruned: true, result, message: describePrune(result) };
}
function pruneTo(preload) {
  return prunePreload(preload.data, preload.refs.map((r) => parseReference(r)));
}

export {
  describePrune,
  cachePrune,
  pruneTo
};
