import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  SHA256_DIGEST
} from "./chunk-Z6TURJHQ.js";

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
import { createHash } from "node:crypto";
function sha256Digest(bytes) {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
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
