// Archives in the two formats `docker save` writes, and a LocalImages fake serving them:
// the classic layout (<id>/layer.tar, <config>.json; Docker before 25) and the OCI layout
// (blobs/sha256/..., Docker 25 and later). Stands in for a Docker daemon this machine lacks.

import { gzipSync } from 'node:zlib';
import type { LocalImages } from '../../src/core/daemon/local-images.js';
import { sha256, tar } from './oci-images.js';

export interface SavedImage {
  readonly id: string;
  readonly configSize: number;
  readonly archive: Buffer;
  /** Digest and size of each layer as a registry will hold it. */
  readonly layers: readonly { digest: string; size: number }[];
}

/** Uncompressed layer tars, as Docker's classic image store keeps them. */
export function layerTar(seed: string, files = 20): Buffer {
  return tar(Array.from({ length: files }, (_, i) => ({ name: `srv/${seed}/f${i}.txt`, content: Buffer.from(`${seed} file ${i}\n`.repeat(50 + i)) })));
}

function configFor(layers: readonly Buffer[], label: string): Buffer {
  return Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: { Labels: { label } }, rootfs: { type: 'layers', diff_ids: layers.map(sha256) } }));
}

export function classicSave(ref: string, layers: readonly Buffer[], label = ref): SavedImage {
  const config = configFor(layers, label);
  const id = sha256(config);
  const dirs = layers.map((_, i) => sha256(Buffer.from(`${id}/${i}`)).slice('sha256:'.length));
  const entries = [
    ...dirs.flatMap((dir, i) => [
      { name: `${dir}/VERSION`, content: Buffer.from('1.0') },
      { name: `${dir}/json`, content: Buffer.from('{}') },
      { name: `${dir}/layer.tar`, content: layers[i]! },
    ]),
    { name: `${id.slice(7)}.json`, content: config },
    { name: 'manifest.json', content: Buffer.from(JSON.stringify([{ Config: `${id.slice(7)}.json`, RepoTags: [ref], Layers: dirs.map((d) => `${d}/layer.tar`) }])) },
    { name: 'repositories', content: Buffer.from('{}') },
  ];
  return { id, configSize: config.length, archive: tar(entries), layers: layers.map((l) => ({ digest: sha256(l), size: l.length })) };
}

export function ociSave(ref: string, layers: readonly Buffer[], options: { gzip?: boolean; label?: string } = {}): SavedImage {
  const config = configFor(layers, options.label ?? ref);
  const id = sha256(config);
  const stored = layers.map((l) => (options.gzip === true ? gzipSync(l) : l));
  const blobPath = (bytes: Buffer): string => `blobs/sha256/${sha256(bytes).slice(7)}`;
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: id, size: config.length },
      layers: stored.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: sha256(l), size: l.length })),
    }),
  );
  const entries = [
    ...stored.map((l) => ({ name: blobPath(l), content: l })),
    { name: blobPath(config), content: config },
    { name: blobPath(manifest), content: manifest },
    { name: 'index.json', content: Buffer.from(JSON.stringify({ schemaVersion: 2, manifests: [{ digest: sha256(manifest), size: manifest.length }] })) },
    { name: 'manifest.json', content: Buffer.from(JSON.stringify([{ Config: blobPath(config), RepoTags: [ref], Layers: stored.map(blobPath) }])) },
    { name: 'oci-layout', content: Buffer.from('{"imageLayoutVersion":"1.0.0"}') },
  ];
  return { id, configSize: config.length, archive: tar(entries), layers: stored.map((l) => ({ digest: sha256(l), size: l.length })) };
}

/** A daemon holding `images` by ref; archives are served in odd-sized chunks, as a socket would. */
export function fakeDaemon(images: Record<string, SavedImage>): LocalImages & { saves: string[] } {
  const saves: string[] = [];
  return {
    saves,
    async imageId(ref) {
      return images[ref]?.id;
    },
    async save(ref) {
      saves.push(ref);
      const archive = images[ref]!.archive;
      let offset = 0;
      return new ReadableStream<Uint8Array>({
        pull(out) {
          if (offset >= archive.length) return out.close();
          out.enqueue(archive.subarray(offset, offset + 7777));
          offset += 7777;
        },
      });
    },
  };
}
