import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  SHA256_DIGEST,
  TAG
} from "./chunk-Z6TURJHQ.js";

// src/core/storage/layout.ts
import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
var StorageLayoutError = class extends Error {
};
var REPOSITORY = /^[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*$/;
function checked(kind, value) {
  const pattern = kind === "digest" ? SHA256_DIGEST : kind === "repository" ? REPOSITORY : TAG;
  if (!pattern.test(value)) throw new Error(`not a valid ${kind} for registry storage: ${JSON.stringify(value)}`);
  return value;
}
function v2(root) {
  return join(root, "docker", "registry", "v2");
}
function hexOf(digest) {
  return checked("digest", digest).slice("sha256:".length);
}
function repositoryDir(root, repository) {
  return join(v2(root), "repositories", checked("repository", repository));
}
function blobDataPath(root, digest) {
  const hex = hexOf(digest);
  return join(v2(root), "blobs", "sha256", hex.slice(0, 2), hex, "data");
}
function blobDir(root, digest) {
  return join(blobDataPath(root, digest), "..");
}
function layerLinkPath(root, repository, digest) {
  return join(repositoryDir(root, repository), "_layers", "sha256", hexOf(digest), "link");
}
function revisionLinkPath(root, repository, digest) {
  return join(repositoryDir(root, repository), "_manifests", "revisions", "sha256", hexOf(digest), "link");
}
function tagCurrentLinkPath(root, repository, tag) {
  return join(repositoryDir(root, repository), "_manifests", "tags", checked("tag", tag), "current", "link");
}
function tagIndexLinkPath(root, repository, tag, digest) {
  return join(repositoryDir(root, repository), "_manifests", "tags", checked("tag", tag), "index", "sha256", hexOf(digest), "link");
}
async function readLink(path) {
  let text;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch {
    return void 0;
  }
  return SHA256_DIGEST.test(text) ? text : void 0;
}
async function storedBlobs(root) {
  const store = join(v2(root), "blobs", "sha256");
  const digests = [];
  for (const prefix of await readdir(store).catch(() => [])) {
    for (const hex of await readdir(join(store, prefix)).catch(() => [])) {
      if (SHA256_DIGEST.test(`sha256:${hex}`) && hex.startsWith(prefix)) digests.push(`sha256:${hex}`);
    }
  }
  return digests;
}
async function blobProblem(root, digest) {
  const hash = createHash("sha256");
  try {
    await pipeline(createReadStream(blobDataPath(root, digest)), hash);
  } catch {
    return "missing";
  }
  return `sha256:${hash.digest("hex")}` === digest ? void 0 : "does not match its content";
}
async function taggedDigest(root, repository, tag) {
  const link = tagCurrentLinkPath(root, repository, tag);
  const digest = (await readFile(link, "utf8").catch(() => void 0))?.trim();
  if (digest !== void 0 && !SHA256_DIGEST.test(digest)) throw new StorageLayoutError(`the link of tag ${tag} is not a sha256 digest`);
  return digest;
}
async function storedRepositories(root) {
  const found = [];
  const walk = async (name) => {
    const entries = await readdir(join(v2(root), "repositories", name), { withFileTypes: true }).catch(() => []);
    if (name && entries.some((e) => e.name === "_manifests")) {
      found.push(name);
      return;
    }
    for (const e of entries) if (e.isDirectory() && !e.name.startsWith("_")) await walk(name ? `${name}/${e.name}` : e.name);
  };
  await walk("");
  return found.sort();
}
async function registryRoots(path) {
  const entries = await readdir(path).catch(() => []);
  return entries.includes("docker") ? [path] : entries.sort().map((e) => join(path, e));
}

export {
  StorageLayoutError,
  repositoryDir,
  blobDataPath,
  blobDir,
  layerLinkPath,
  revisionLinkPath,
  tagCurrentLinkPath,
  tagIndexLinkPath,
  readLink,
  storedBlobs,
  blobProblem,
  taggedDigest,
  storedRepositories,
  registryRoots
};
