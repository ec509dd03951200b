import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DOCKER_CONFIG,
  DOCKER_LAYER,
  DOCKER_LAYER_GZIP,
  DOCKER_MANIFEST,
  parseManifest,
  sha256Digest
} from "./chunk-ZFLQE3JO.js";
import {
  RuntimeError
} from "./chunk-G6VKCFWK.js";

// src/core/daemon/tar-reader.ts
var BLOCK = 512;
async function* readTar(input) {
  const bytes = new ByteReader(input.getReader());
  let longPath;
  let paxPath;
  let paxSize;
  try {
    for (; ; ) {
      const header = await bytes.exactly(BLOCK);
      if (header === void 0 || header.every((b) => b === 0)) return;
      verifyChecksum(header);
      const typeflag = String.fromCharCode(header[156]);
      const size = paxSize ?? parseNumber(header.subarray(124, 136));
      if (typeflag === "x" || typeflag === "L" || typeflag === "g") {
        const data = await bytes.exactly(size);
        if (data === void 0) throw new RuntimeError("archive ends inside an extended header");
        await bytes.skip(padding(size));
        if (typeflag === "L") longPath = cString(data);
        if (typeflag === "x") {
          const records = parsePax(data);
          paxPath = records.get("path") ?? paxPath;
          const sizeRecord = records.get("size");
          if (sizeRecord !== void 0) paxSize = Number(sizeRecord);
        }
        continue;
      }
      const prefix = cString(header.subarray(345, 500));
      const name = cString(header.subarray(0, 100));
      const path = paxPath ?? longPath ?? (prefix !== "" && header.subarray(257, 262).toString() === "ustar" ? `${prefix}/${name}` : name);
      longPath = paxPath = paxSize = void 0;
      const body = bytes.slice(size);
      yield { path: path.replace(/^\.\//, ""), type: entryType(typeflag), size, body: body.stream };
      await body.finish();
      await bytes.skip(padding(size));
    }
  } finally {
    await bytes.cancel();
  }
}
function entryType(flag) {
  switch (flag) {
    case "0":
    case "\0":
    case "7":
      return "file";
    case "5":
      return "directory";
    case "2":
      return "symlink";
    case "1":
      return "link";
    default:
      return "other";
  }
}
function padding(size) {
  return (BLOCK - size % BLOCK) % BLOCK;
}
function cString(bytes) {
  const end = bytes.indexOf(0);
  return Buffer.from(end === -1 ? bytes : bytes.subarray(0, end)).toString("utf8");
}
function parseNumber(field) {
  if ((field[0] & 128) !== 0) {
    let value = field[0] & 127;
    for (let i = 1; i < field.length; i++) value = value * 256 + field[i];
    return value;
  }
  const text = cString(field).trim();
  return text === "" ? 0 : parseInt(text, 8);
}
function verifyChecksum(header) {
  const stored = parseNumber(header.subarray(148, 156));
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  if (sum !== stored) throw new RuntimeError("not a tar archive (bad header checksum)");
}
function parsePax(data) {
  const records = /* @__PURE__ */ new Map();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(32, pos);
    if (space === -1) break;
    const length = Number(data.subarray(pos, space).toString());
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, pos + length - 1).toString("utf8");
    const eq = record.indexOf("=");
    if (eq !== -1) records.set(record.slice(0, eq), record.slice(eq + 1));
    pos += length;
  }
  return records;
}
var ByteReader = class {
  constructor(reader) {
    this.reader = reader;
  }
  reader;
  pending = new Uint8Array(0);
  ended = false;
  /** The next `n` bytes, or undefined at a clean end of input. */
  async exactly(n) {
    const parts = [];
    let have = 0;
    while (have < n) {
      const chunk = await this.next(n - have);
      if (chunk === void 0) {
        if (have === 0) return void 0;
        throw new RuntimeError("archive is truncated");
      }
      parts.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(parts);
  }
  async skip(n) {
    for (let left = n; left > 0; ) {
      const chunk = await this.next(left);
      if (chunk === void 0) throw new RuntimeError("archive is truncated");
      left -= chunk.length;
    }
  }
  /** The next `size` bytes as a stream, and a way to skip what its reader left. */
  slice(size) {
    let left = size;
    const stream = new ReadableStream(
      {
        pull: async (out) => {
          if (left === 0) return out.close();
          const chunk = await this.next(left);
          if (chunk === void 0) throw new RuntimeError("archive is truncated");
          left -= chunk.length;
          out.enqueue(chunk);
          if (left === 0) out.close();
        }
      },
      { highWaterMark: 0 }
    );
    return { stream, finish: () => this.skip(left).then(() => void (left = 0)) };
  }
  async cancel() {
    if (!this.ended) await this.reader.cancel().catch(() => {
    });
  }
  /** Up to `max` bytes; undefined at end of input. */
  async next(max) {
    if (this.pending.length === 0) {
      if (this.ended) return void 0;
      const { done, value } = await this.reader.read();
      if (done) {
        this.ended = true;
        return void 0;
      }
      this.pending = value;
    }
    const chunk = this.pending.subarray(0, max);
    this.pending = this.pending.subarray(chunk.length);
    return chunk;
  }
};

// src/core/daemon/daemon-import.ts
var MAX_JSON = 4 * 1024 * 1024;
var OCI_BLOB = /^blobs\/sha256\/([a-f0-9]{64})$/;
var LEGACY_LAYER = /(^|\/)layer\.tar$/;
async function importFromDaemon(local, store, ref, repository, tag, onBlob) {
  const imageId = await local.imageId(ref);
  if (imageId === void 0) return void 0;
  const current = await store.resolve(repository, tag);
  if (current !== void 0 && await store.complete(repository, current)) {
    const manifest2 = await store.manifest(repository, current);
    if (manifest2?.references[0]?.digest === imageId) return { digest: current, bytesCopied: 0, unchanged: true };
  }
  const stored = /* @__PURE__ */ new Map();
  const json = /* @__PURE__ */ new Map();
  let bytesCopied = 0;
  for await (const entry of readTar(await local.save(ref))) {
    if (entry.type !== "file") continue;
    const named = OCI_BLOB.exec(entry.path);
    if (entry.path === "manifest.json" || entry.path === `${imageId.slice("sha256:".length)}.json` || named && `sha256:${named[1]}` === imageId) {
      json.set(entry.path, await readAll(entry, ref));
      continue;
    }
    if (named === null && !LEGACY_LAYER.test(entry.path)) continue;
    const { head, body } = await peek(entry.body);
    if (head[0] === 123) {
      await body.cancel();
      continue;
    }
    const mediaType = layerMediaType(head, ref);
    let blob = named !== null ? { digest: `sha256:${named[1]}`, size: entry.size } : void 0;
    if (blob !== void 0 && await store.hasBlob(blob)) await body.cancel();
    else {
      if (blob !== void 0) await store.writeBlob(blob, body);
      else blob = await store.writeUnknownBlob(body);
      bytesCopied += blob.size;
      onBlob?.(blob.digest, blob.size);
    }
    await store.linkLayer(repository, blob.digest);
    stored.set(entry.path, { ...blob, mediaType });
  }
  const saved = parseSaveManifest(json.get("manifest.json"), ref);
  const config = json.get(saved.config);
  if (config === void 0 || sha256Digest(config) !== imageId) {
    throw new RuntimeError(`docker save of ${ref} has no config matching image ${imageId}`);
  }
  const layers = saved.layers.map((path) => {
    const layer = stored.get(path);
    if (layer === void 0) throw new RuntimeError(`docker save of ${ref} lists layer ${path} but does not contain it`);
    return layer;
  });
  if (!await store.hasBlob({ digest: imageId, size: config.length })) bytesCopied += config.length;
  await store.writeBytes(config);
  await store.linkLayer(repository, imageId);
  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: DOCKER_CONFIG, size: config.length, digest: imageId },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest }))
    })
  );
  const manifest = parseManifest(bytes, DOCKER_MANIFEST);
  await store.putManifest(repository, tag, manifest);
  return { digest: manifest.digest, bytesCopied, unchanged: false };
}
function layerMediaType(head, ref) {
  if (head[0] === 31 && head[1] === 139) return DOCKER_LAYER_GZIP;
  if (head[0] === 40 && head[1] === 181 && head[2] === 47 && head[3] === 253) {
    throw new RuntimeError(`docker save of ${ref} has a zstd layer, which a Docker schema 2 manifest cannot describe`);
  }
  return DOCKER_LAYER;
}
function parseSaveManifest(raw, ref) {
  if (raw === void 0) throw new RuntimeError(`docker save of ${ref} has no manifest.json`);
  const parsed = JSON.parse(raw.toString("utf8"));
  const first = Array.isArray(parsed) ? parsed[0] : void 0;
  if (typeof first?.Config !== "string" || !Array.isArray(first.Layers) || !first.Layers.every((l) => typeof l === "string")) {
    throw new RuntimeError(`docker save of ${ref} has an unreadable manifest.json`);
  }
  return { config: first.Config, layers: first.Layers };
}
async function readAll(entry, ref) {
  if (entry.size > MAX_JSON) throw new RuntimeError(`docker save of ${ref}: ${entry.path} is over ${MAX_JSON} bytes`);
  const parts = [];
  for (const reader = entry.body.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}
async function peek(stream) {
  const reader = stream.getReader();
  const first = [];
  let length = 0;
  while (length < 4) {
    const { done, value } = await reader.read();
    if (done) break;
    first.push(value);
    length += value.length;
  }
  const head = Buffer.concat(first);
  let replayed = false;
  const body = new ReadableStream(
    {
      async pull(out) {
        if (!replayed) {
          replayed = true;
          if (head.length > 0) return out.enqueue(head);
        }
        const { done, value } = await reader.read();
        if (done) out.close();
        else out.enqueue(value);
      },
      cancel: (reason) => reader.cancel(reason)
    },
    { highWaterMark: 0 }
  );
  return { head, body };
}

export {
  importFromDaemon
};
