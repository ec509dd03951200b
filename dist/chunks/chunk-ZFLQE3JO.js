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

// src/core/oci/media-types.ts
var OCI_INDEX = "application/vnd.oci.image.index.v1+json";
var OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
var DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
var DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
var DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
var DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar";
var DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
var INDEXES = /* @__PURE__ */ new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
var MANIFESTS = /* @__PURE__ */ new Set([OCI_MANIFEST, DOCKER_MANIFEST]);
var MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");
function isIndex(mediaType) {
  return INDEXES.has(mediaType);
}
function isManifest(mediaType) {
  return MANIFESTS.has(mediaType);
}
function manifestMediaType(contentType, document) {
  const declared = contentType?.split(";")[0]?.trim().toLowerCase();
  if (declared !== void 0 && (isIndex(declared) || isManifest(declared))) return declared;
  if (typeof document !== "object" || document === null) return void 0;
  const doc = document;
  if (typeof doc.mediaType === "string") {
    return isIndex(doc.mediaType) || isManifest(doc.mediaType) ? doc.mediaType : void 0;
  }
  if (doc.schemaVersion !== 2) return void 0;
  if (Array.isArray(doc.manifests)) return OCI_INDEX;
  if (Array.isArray(doc.layers)) return OCI_MANIFEST;
  return void 0;
}

// src/core/oci/manifest.ts
import { createHash as createHash2 } from "node:crypto";
function sha256Digest(bytes) {
  return `sha256:${createHash2("sha256").update(bytes).digest("hex")}`;
}
var ManifestFormatError = class extends Error {
};
var MAX_INDEX_MANIFESTS = 256;
function parseManifest(bytes, contentType) {
  let document;
  try {
    document = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new ManifestFormatError("manifest is not valid JSON");
  }
  const mediaType = manifestMediaType(contentType, document);
  if (mediaType === void 0) {
    throw new ManifestFormatError(`unsupported manifest type ${contentType ?? "(none)"}; only OCI and Docker schema 2 are copied`);
  }
  const doc = document;
  const references = isIndex(mediaType) ? descriptors(doc.manifests, "manifests") : [descriptor(doc.config, "config"), ...descriptors(doc.layers, "layers")];
  if (isIndex(mediaType) && references.length > MAX_INDEX_MANIFESTS) {
    throw new ManifestFormatError(`the index lists ${references.length} manifests, more than the ${MAX_INDEX_MANIFESTS} sew-ci follows`);
  }
  return { mediaType, digest: sha256Digest(bytes), bytes, references };
}
function requiredBlobs(manifest) {
  return manifest.references.filter((ref) => ref.urls === void 0 || ref.urls.length === 0);
}
function descriptors(value, field) {
  if (!Array.isArray(value)) throw new ManifestFormatError(`manifest has no ${field} list`);
  return value.map((entry, i) => descriptor(entry, `${field}[${i}]`));
}
function descriptor(value, field) {
  if (typeof value !== "object" || value === null) throw new ManifestFormatError(`manifest ${field} is missing`);
  const d = value;
  if (typeof d.digest !== "string" || !SHA256_DIGEST.test(d.digest)) {
    throw new ManifestFormatError(`manifest ${field} has an unsupported digest ${String(d.digest)}`);
  }
  if (typeof d.size !== "number" || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new ManifestFormatError(`manifest ${field} has an invalid size`);
  }
  const platform = parsePlatformField(d.platform);
  const urls = Array.isArray(d.urls) ? d.urls.filter((u) => typeof u === "string") : void 0;
  return {
    mediaType: typeof d.mediaType === "string" ? d.mediaType : "",
    digest: d.digest,
    size: d.size,
    ...platform !== void 0 && { platform },
    ...urls !== void 0 && { urls }
  };
}
function parsePlatformField(value) {
  if (typeof value !== "object" || value === null) return void 0;
  const p = value;
  if (typeof p.os !== "string" || typeof p.architecture !== "string") return void 0;
  return { os: p.os, architecture: p.architecture, ...typeof p.variant === "string" && p.variant !== "" && { variant: p.variant } };
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
  registryRoots,
  DOCKER_MANIFEST,
  DOCKER_CONFIG,
  DOCKER_LAYER,
  DOCKER_LAYER_GZIP,
  MANIFEST_ACCEPT,
  isIndex,
  sha256Digest,
  ManifestFormatError,
  parseManifest,
  requiredBlobs
};
