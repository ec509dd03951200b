// Preloads an image from the local Docker daemon: streams `docker save` into the preload
// storage, layers and config, then writes a Docker schema 2 manifest.
//
// Layers go up as `docker save` has them, normally uncompressed tars
// (application/vnd.docker.image.rootfs.diff.tar, which containerd accepts): recompressing
// would cost far more CPU than the loopback bytes it saves, and an uncompressed layer's
// digest is its diff_id, stable across saves, so an unchanged layer is found on disk and
// skipped where the archive names blobs by digest. Layers a newer daemon saves compressed
// keep their gzip media type.

import { RuntimeError } from '../errors.js';
import type { LocalImages } from './local-images.js';
import { parseManifest, sha256Digest } from '../oci/manifest.js';
import { DOCKER_CONFIG, DOCKER_LAYER, DOCKER_LAYER_GZIP, DOCKER_MANIFEST } from '../oci/media-types.js';
import type { PreloadStore } from '../storage/preload-store.js';
import { readTar, type TarEntry } from './tar-reader.js';

const MAX_JSON = 4 * 1024 * 1024;
const OCI_BLOB = /^blobs\/sha256\/([a-f0-9]{64})$/;
const LEGACY_LAYER = /(^|\/)layer\.tar$/;

export interface DaemonImport {
  /** The manifest digest now under the tag. */
  readonly digest: string;
  readonly bytesCopied: number;
  /** True when the preload registry already held this very image under the tag. */
  readonly unchanged: boolean;
}

interface Stored {
  readonly digest: string;
  readonly size: number;
  readonly mediaType: string;
}

/**
 * Writes `ref` from the daemon as `repository:tag` into `store`; undefined when the daemon
 * has no such image.
 */
export async function importFromDaemon(
  local: LocalImages,
  store: PreloadStore,
  ref: string,
  repository: string,
  tag: string,
  onBlob?: (digest: string, size: number) => void,
): Promise<DaemonImport | undefined> {
  const imageId = await local.imageId(ref);
  if (imageId === undefined) return undefined;

  const current = await store.resolve(repository, tag);
  if (current !== undefined && (await store.complete(repository, current))) {
    const manifest = await store.manifest(repository, current);
    if (manifest?.references[0]?.digest === imageId) return { digest: current, bytesCopied: 0, unchanged: true };
  }

  const stored = new Map<string, Stored>();
  const json = new Map<string, Buffer>();
  let bytesCopied = 0;
  for await (const entry of readTar(await local.save(ref))) {
    if (entry.type !== 'file') continue;
    const named = OCI_BLOB.exec(entry.path);
    if (entry.path === 'manifest.json' || entry.path === `${imageId.slice('sha256:'.length)}.json` || (named && `sha256:${named[1]}` === imageId)) {
      json.set(entry.path, await readAll(entry, ref));
      continue;
    }
    if (named === null && !LEGACY_LAYER.test(entry.path)) continue;
    const { head, body } = await peek(entry.body);
    // JSON in blobs/ is the daemon's own manifest or index: we write our own.
    if (head[0] === 0x7b) {
      await body.cancel();
      continue;
    }
    const mediaType = layerMediaType(head, ref);
    let blob = named !== null ? { digest: `sha256:${named[1]}`, size: entry.size } : undefined;
    if (blob !== undefined && (await store.hasBlob(blob))) await body.cancel();
    else {
      if (blob !== undefined) await store.writeBlob(blob, body);
      else blob = await store.writeUnknownBlob(body);
      bytesCopied += blob.size;
      onBlob?.(blob.digest, blob.size);
    }
    await store.linkLayer(repository, blob.digest);
    stored.set(entry.path, { ...blob, mediaType });
  }

  const saved = parseSaveManifest(json.get('manifest.json'), ref);
  const config = json.get(saved.config);
  if (config === undefined || sha256Digest(config) !== imageId) {
    throw new RuntimeError(`docker save of ${ref} has no config matching image ${imageId}`);
  }
  const layers = saved.layers.map((path) => {
    const layer = stored.get(path);
    if (layer === undefined) throw new RuntimeError(`docker save of ${ref} lists layer ${path} but does not contain it`);
    return layer;
  });
  if (!(await store.hasBlob({ digest: imageId, size: config.length }))) bytesCopied += config.length;
  await store.writeBytes(config);
  await store.linkLayer(repository, imageId);

  const bytes = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: DOCKER_MANIFEST,
      config: { mediaType: DOCKER_CONFIG, size: config.length, digest: imageId },
      layers: layers.map((l) => ({ mediaType: l.mediaType, size: l.size, digest: l.digest })),
    }),
  );
  const manifest = parseManifest(bytes, DOCKER_MANIFEST);
  await store.putManifest(repository, tag, manifest);
  return { digest: manifest.digest, bytesCopied, unchanged: false };
}

function layerMediaType(head: Uint8Array, ref: string): string {
  if (head[0] === 0x1f && head[1] === 0x8b) return DOCKER_LAYER_GZIP;
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    throw new RuntimeError(`docker save of ${ref} has a zstd layer, which a Docker schema 2 manifest cannot describe`);
  }
  return DOCKER_LAYER;
}

function parseSaveManifest(raw: Buffer | undefined, ref: string): { config: string; layers: string[] } {
  if (raw === undefined) throw new RuntimeError(`docker save of ${ref} has no manifest.json`);
  const parsed = JSON.parse(raw.toString('utf8')) as { Config?: unknown; Layers?: unknown }[];
  const first = Array.isArray(parsed) ? parsed[0] : undefined;
  if (typeof first?.Config !== 'string' || !Array.isArray(first.Layers) || !first.Layers.every((l) => typeof l === 'string')) {
    throw new RuntimeError(`docker save of ${ref} has an unreadable manifest.json`);
  }
  return { config: first.Config, layers: first.Layers as string[] };
}

async function readAll(entry: TarEntry, ref: string): Promise<Buffer> {
  if (entry.size > MAX_JSON) throw new RuntimeError(`docker save of ${ref}: ${entry.path} is over ${MAX_JSON} bytes`);
  const parts: Uint8Array[] = [];
  for (const reader = entry.body.getReader(); ; ) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    parts.push(value);
  }
}

/** The first bytes of a stream (at least 4 unless it is shorter) and the whole stream again. */
async function peek(stream: ReadableStream<Uint8Array>): Promise<{ head: Uint8Array; body: ReadableStream<Uint8Array> }> {
  const reader = stream.getReader();
  const first: Uint8Array[] = [];
  let length = 0;
  while (length < 4) {
    const { done, value } = await reader.read();
    if (done) break;
    first.push(value);
    length += value.length;
  }
  const head = Buffer.concat(first);
  let replayed = false;
  const body = new ReadableStream<Uint8Array>(
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
      cancel: (reason) => reader.cancel(reason),
    },
    { highWaterMark: 0 },
  );
  return { head, body };
}
