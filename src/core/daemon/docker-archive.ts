// An image in the preload storage as a `docker load` archive, streamed from the blobs on disk:
// the way into a Docker daemon that needs no registry the daemon can reach (a remote
// DOCKER_HOST, GitLab's dind service) and no network. The compressed layers go in as stored:
// `docker load` decompresses each and checks it against the config's diff_ids.
//
// Only regular files with short names are written (manifest.json, the config, the layers), so
// the tar format needed is ustar's plain file entry, written here in a few lines.
import { createReadStream } from 'node:fs';
import { RuntimeError } from '../errors.js';
import type { Platform } from '../oci/platform.js';
import { blobDataPath } from '../storage/layout.js';
import type { PreloadStore } from '../storage/preload-store.js';

const BLOCK = 512;

export interface ArchiveSource {
  readonly store: PreloadStore;
  readonly repository: string;
  /** The stored manifest or index; an index is resolved to `platform`'s image. */
  readonly digest: string;
  readonly platform: Platform;
  /** The name the loaded image takes in the daemon. */
  readonly tag: string;
}

/** The archive, as `docker load` reads it; its blobs are read as it is consumed. */
export async function* dockerArchive(source: ArchiveSource): AsyncGenerator<Uint8Array> {
  const manifest = await source.store.platformImage(source.repository, source.digest, source.platform);
  if (manifest === undefined) throw new RuntimeError(`${source.repository}@${source.digest} is not whole in ${source.store.root}: cannot load it into Docker`);
  const [config, ...layers] = manifest.references;
  if (config === undefined) throw new RuntimeError(`${source.repository}@${manifest.digest} names no config`);
  const name = (digest: string, suffix: string) => `${digest.slice('sha256:'.length)}${suffix}`;
  const index = [{ Config: name(config.digest, '.json'), RepoTags: [source.tag], Layers: layers.map((l) => name(l.digest, '.layer')) }];
  yield* entry('manifest.json', Buffer.from(JSON.stringify(index)));
  for (const [blob, file] of [[config, index[0]!.Config] as const, ...layers.map((l) => [l, name(l.digest, '.layer')] as const)]) {
    yield tarHeader(file, blob.size);
    yield* createReadStream(blobDataPath(source.store.root, blob.digest));
    yield padding(blob.size);
  }
  yield Buffer.alloc(2 * BLOCK);
}

function* entry(file: string, data: Buffer): Generator<Uint8Array> {
  yield tarHeader(file, data.length);
  yield data;
  yield padding(data.length);
}

function padding(size: number): Buffer {
  return Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
}

/** A ustar header of a regular file; a size past the octal field's 8 GiB in base-256, as GNU tar does. */
export function tarHeader(file: string, size: number): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(file, 0, 100, 'utf8');
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  if (size < 8 ** 11) header.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  else {
    header[124] = 0x80;
    header.writeBigUInt64BE(BigInt(size), 124 + 4);
  }
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}
