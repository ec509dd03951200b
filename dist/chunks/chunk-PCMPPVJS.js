import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  blobDataPath,
  blobDir,
  isIndex,
  layerLinkPath,
  parseManifest,
  readLink,
  requiredBlobs,
  revisionLinkPath,
  sha256Digest,
  tagCurrentLinkPath,
  tagIndexLinkPath
} from "./chunk-ZFLQE3JO.js";
import {
  temporaryPath,
  writeFileAtomic
} from "./chunk-TCWCERWE.js";
import {
  selectPlatform
} from "./chunk-EBQAAFSX.js";
import {
  SHA256_DIGEST
} from "./chunk-Z6TURJHQ.js";
import {
  RuntimeError
} from "./chunk-G6VKCFWK.js";

// src/core/storage/preload-store.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream, createWriteStream, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";

// src/core/oci/digest-stream.ts
import { createHash } from "node:crypto";
var DigestMismatchError = class extends RuntimeError {
};
function verifyingStream(expected, onBytes) {
  const hash = createHash("sha256");
  let seen = 0;
  let held;
  return new TransformStream({
    transform(chunk, out) {
      seen += chunk.length;
      if (seen > expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} is longer than its declared ${expected.size} bytes`);
      }
      hash.update(chunk);
      if (held !== void 0) out.enqueue(held);
      held = chunk;
      onBytes?.(seen);
    },
    flush(out) {
      if (seen !== expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} ended after ${seen} of its ${expected.size} bytes`);
      }
      const actual = `sha256:${hash.digest("hex")}`;
      if (actual !== expected.digest) {
        throw new DigestMismatchError(`blob ${expected.digest} has content with digest ${actual}`);
      }
      if (held !== void 0) out.enqueue(held);
    }
  });
}

// src/core/storage/preload-store.ts
var MAX_MANIFEST = 4 * 1024 * 1024;
var STAGING = ".sew-ci-staging";
var PreloadStore = class {
  /** `root` is the registry's rootdirectory (what it mounts at /var/lib/registry). */
  constructor(root) {
    this.root = root;
    this.staging = join(root, STAGING);
  }
  root;
  staging;
  writes = /* @__PURE__ */ new Map();
  ready;
  /** What a tag or digest resolves to in `repository`; undefined when it is not there. */
  async resolve(repository, reference) {
    if (!SHA256_DIGEST.test(reference)) return readLink(tagCurrentLinkPath(this.root, repository, reference));
    return await readLink(revisionLinkPath(this.root, repository, reference)) === reference ? reference : void 0;
  }
  /** The manifest `digest` as `repository` serves it; undefined when not linked there or its bytes are gone. */
  async manifest(repository, digest) {
    if (await readLink(revisionLinkPath(this.root, repository, digest)) !== digest) return void 0;
    return this.storedManifest(digest);
  }
  /** A manifest held as a blob, linked anywhere or nowhere; undefined when absent, damaged or no manifest. */
  async storedManifest(digest) {
    if (!SHA256_DIGEST.test(digest)) return void 0;
    const path = blobDataPath(this.root, digest);
    const size = fileSize(path);
    if (size === void 0 || size > MAX_MANIFEST) return void 0;
    let bytes;
    try {
      bytes = readFileSync(path);
    } catch {
      return void 0;
    }
    if (sha256Digest(bytes) !== digest) return void 0;
    try {
      return parseManifest(bytes, null);
    } catch {
      return void 0;
    }
  }
  /**
   * Whether everything manifest `digest` needs is on disk and linked into `repository` (every
   * child of an index too). A tag that resolves is not enough: a restored cache may have lost
   * a blob (dropped as damaged), and the registry would serve the manifest and fail the pull.
   */
  complete(repository, digest, seen = /* @__PURE__ */ new Map()) {
    let known = seen.get(digest);
    if (!known) seen.set(digest, known = this.completeOnce(repository, digest, seen));
    return known;
  }
  async completeOnce(repository, digest, seen) {
    const manifest = await this.manifest(repository, digest);
    if (manifest === void 0) return false;
    const parts = isIndex(manifest.mediaType) ? manifest.references.map((entry) => this.complete(repository, entry.digest, seen)) : requiredBlobs(manifest).map((blob) => this.hasLayer(repository, blob));
    return (await Promise.all(parts)).every(Boolean);
  }
  /** A stored blob's bytes, as verified when written. */
  openBlob(digest) {
    return createReadStream(blobDataPath(this.root, digest));
  }
  /**
   * The image `digest` gives `platform`, an index resolved to that platform's child, when that
   * image is whole on disk: what Docker pulls of an index, and all a one-platform copy keeps.
   */
  async platformImage(repository, digest, platform) {
    const top = await this.manifest(repository, digest);
    if (top === void 0) return void 0;
    const entry = isIndex(top.mediaType) ? selectPlatform(top.references, platform) : top;
    if (entry === void 0 || !await this.complete(repository, entry.digest)) return void 0;
    const image = entry === top ? top : await this.manifest(repository, entry.digest);
    return image !== void 0 && !isIndex(image.mediaType) ? image : void 0;
  }
  /** The blob's data is there with its size; its content was verified when it was written. */
  async hasBlob(blob) {
    return fileSize(blobDataPath(this.root, blob.digest)) === blob.size;
  }
  async hasLayer(repository, blob) {
    const [data, link] = await Promise.all([this.hasBlob(blob), readLink(layerLinkPath(this.root, repository, blob.digest))]);
    return data && link === blob.digest;
  }
  /**
   * Runs `write` unless the store holds the blob already, at most once per digest however
   * many images ask: later callers wait for the first one's write. Resolves with the bytes
   * this call wrote.
   */
  ensureBlob(blob, write) {
    const pending = this.writes.get(blob.digest);
    if (pending !== void 0) return pending.then(() => 0);
    const writing = this.hasBlob(blob).then((present) => present ? 0 : write());
    this.writes.set(blob.digest, writing);
    writing.catch(() => this.writes.delete(blob.digest));
    return writing;
  }
  /** Writes a blob from `body`, hashing it on the way; nothing is committed unless size and digest match. */
  async writeBlob(blob, body, onBytes) {
    await this.commit(blob.digest, (data) => pipeline(Readable.fromWeb(body.pipeThrough(verifyingStream(blob, onBytes))), createWriteStream(data)));
  }
  /** Writes a blob whose digest is learned from its bytes; resolves with what it was stored under. */
  async writeUnknownBlob(body) {
    const hash = createHash2("sha256");
    let size = 0;
    const counting = new Transform({
      transform(chunk, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      }
    });
    const staged = await this.stage();
    try {
      await pipeline(Readable.fromWeb(body), counting, createWriteStream(join(staged, "data")));
      const digest = `sha256:${hash.digest("hex")}`;
      if (!await this.hasBlob({ digest, size })) await this.place(staged, digest);
      return { digest, size };
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }
  /** Writes small content (a manifest, a config) as a blob unless it is there; resolves with its digest. */
  async writeBytes(bytes) {
    const blob = { digest: sha256Digest(bytes), size: bytes.length };
    await this.ensureBlob(blob, async () => {
      await this.commit(blob.digest, (data) => writeFile(data, bytes));
      return blob.size;
    });
    return blob.digest;
  }
  /** Makes a blob of the store part of `repository`. */
  linkLayer(repository, digest) {
    return this.link(layerLinkPath(this.root, repository, digest), digest);
  }
  /**
   * Stores `manifest` verbatim and makes `repository` serve it under `reference` (a tag, or
   * its digest). Everything it references must be in `repository` already.
   */
  async putManifest(repository, reference, manifest) {
    await this.writeBytes(manifest.bytes);
    await this.link(revisionLinkPath(this.root, repository, manifest.digest), manifest.digest);
    if (SHA256_DIGEST.test(reference)) return;
    await this.link(tagIndexLinkPath(this.root, repository, reference, manifest.digest), manifest.digest);
    await this.link(tagCurrentLinkPath(this.root, repository, reference), manifest.digest);
  }
  async link(path, digest) {
    if (await readLink(path) === digest) return;
    await this.prepare();
    await writeFileAtomic(path, digest, { tmpDir: this.staging, sync: false });
  }
  /** Produces the blob's data in a staging directory, then moves that directory into place whole. */
  async commit(digest, produce) {
    const staged = await this.stage();
    try {
      await produce(join(staged, "data"));
      await this.place(staged, digest);
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }
  async place(staged, digest) {
    const target = blobDir(this.root, digest);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(staged, target);
    } catch (err) {
      const code = err.code;
      if (code !== "ENOTEMPTY" && code !== "EEXIST") throw err;
      const size = await stat(join(staged, "data")).then((s) => s.size);
      if (await this.hasBlob({ digest, size })) return;
      await rm(target, { recursive: true, force: true });
      await rename(staged, target);
    }
  }
  async stage() {
    await this.prepare();
    const dir = temporaryPath(this.staging, "blob");
    await mkdir(dir);
    return dir;
  }
  /** Staging left by a killed run is garbage: one run at a time holds this store (the home lock). */
  prepare() {
    this.ready ??= (async () => {
      await rm(this.staging, { recursive: true, force: true });
      await mkdir(this.staging, { recursive: true });
    })();
    return this.ready;
  }
};
function fileSize(path) {
  try {
    const found = statSync(path, { throwIfNoEntry: false });
    return found?.isFile() ? found.size : void 0;
  } catch {
    return void 0;
  }
}

export {
  DigestMismatchError,
  PreloadStore
};
