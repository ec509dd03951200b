// The preload registry's storage, read and written directly in distribution's layout: the
// registry container only serves it. Blobs are content-addressed, so a blob many images
// share is written once and linked into each repository.
//
// Safety when killed at any point: a blob's data is written and verified in a staging
// directory, then its whole directory is renamed into place; every link is renamed into
// place after what it points to exists; a tag is pointed last, after its manifest and all
// that manifest needs. The registry therefore never finds a half-written file, nor a link
// to nothing, and a rerun finds either nothing or a complete image under each tag.
//
// Serving files written behind a running registry is safe: its blob-descriptor cache keeps
// descriptors of blobs it found (immutable content), never misses, and it reads tags and
// links from disk on every request.

import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { temporaryPath, writeFileAtomic } from '../fs/atomic.js';
import { verifyingStream } from '../oci/digest-stream.js';
import { SHA256_DIGEST } from '../images/reference.js';
import { parseManifest, requiredBlobs, sha256Digest, type Manifest } from '../oci/manifest.js';
import { isIndex } from '../oci/media-types.js';
import { selectPlatform, type Platform } from '../oci/platform.js';
import { blobDataPath, blobDir, layerLinkPath, readLink, revisionLinkPath, tagCurrentLinkPath, tagIndexLinkPath } from './layout.js';

const MAX_MANIFEST = 4 * 1024 * 1024;
const STAGING = '.sew-ci-staging';

export interface BlobRef {
  readonly digest: string;
  readonly size: number;
}

export class PreloadStore {
  private readonly staging: string;
  private readonly writes = new Map<string, Promise<number>>();
  private ready: Promise<void> | undefined;

  /** `root` is the registry's rootdirectory (what it mounts at /var/lib/registry). */
  constructor(readonly root: string) {
    this.staging = join(root, STAGING);
  }

  /** What a tag or digest resolves to in `repository`; undefined when it is not there. */
  async resolve(repository: string, reference: string): Promise<string | undefined> {
    if (!SHA256_DIGEST.test(reference)) return readLink(tagCurrentLinkPath(this.root, repository, reference));
    return (await readLink(revisionLinkPath(this.root, repository, reference))) === reference ? reference : undefined;
  }

  /** The manifest `digest` as `repository` serves it; undefined when not linked there or its bytes are gone. */
  async manifest(repository: string, digest: string): Promise<Manifest | undefined> {
    if ((await readLink(revisionLinkPath(this.root, repository, digest))) !== digest) return undefined;
    return this.storedManifest(digest);
  }

  /** A manifest held as a blob, linked anywhere or nowhere; undefined when absent, damaged or no manifest. */
  async storedManifest(digest: string): Promise<Manifest | undefined> {
    if (!SHA256_DIGEST.test(digest)) return undefined;
    // Read at once, as links are (see readLink): a manifest is a few kB.
    const path = blobDataPath(this.root, digest);
    const size = fileSize(path);
    if (size === undefined || size > MAX_MANIFEST) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch {
      return undefined;
    }
    if (sha256Digest(bytes) !== digest) return undefined;
    try {
      return parseManifest(bytes, null);
    } catch {
      return undefined;
    }
  }

  /**
   * Whether everything manifest `digest` needs is on disk and linked into `repository` (every
   * child of an index too). A tag that resolves is not enough: a restored cache may have lost
   * a blob (dropped as damaged), and the registry would serve the manifest and fail the pull.
   */
  complete(repository: string, digest: string, seen = new Map<string, Promise<boolean>>()): Promise<boolean> {
    // Once per manifest: an index repeating its children would otherwise cost exponential time.
    let known = seen.get(digest);
    if (!known) seen.set(digest, (known = this.completeOnce(repository, digest, seen)));
    return known;
  }

  private async completeOnce(repository: string, digest: string, seen: Map<string, Promise<boolean>>): Promise<boolean> {
    const manifest = await this.manifest(repository, digest);
    if (manifest === undefined) return false;
    const parts = isIndex(manifest.mediaType)
      ? manifest.references.map((entry) => this.complete(repository, entry.digest, seen))
      : requiredBlobs(manifest).map((blob) => this.hasLayer(repository, blob));
    return (await Promise.all(parts)).every(Boolean);
  }

  /** A stored blob's bytes, as verified when written. */
  openBlob(digest: string): Readable {
    return createReadStream(blobDataPath(this.root, digest));
  }

  /**
   * The image `digest` gives `platform`, an index resolved to that platform's child, when that
   * image is whole on disk: what Docker pulls of an index, and all a one-platform copy keeps.
   */
  async platformImage(repository: string, digest: string, platform: Platform): Promise<Manifest | undefined> {
    const top = await this.manifest(repository, digest);
    if (top === undefined) return undefined;
    const entry = isIndex(top.mediaType) ? selectPlatform(top.references, platform) : top;
    if (entry === undefined || !(await this.complete(repository, entry.digest))) return undefined;
    const image = entry === top ? top : await this.manifest(repository, entry.digest);
    return image !== undefined && !isIndex(image.mediaType) ? image : undefined;
  }

  /** The blob's data is there with its size; its content was verified when it was written. */
  async hasBlob(blob: BlobRef): Promise<boolean> {
    return fileSize(blobDataPath(this.root, blob.digest)) === blob.size;
  }

  async hasLayer(repository: string, blob: BlobRef): Promise<boolean> {
    const [data, link] = await Promise.all([this.hasBlob(blob), readLink(layerLinkPath(this.root, repository, blob.digest))]);
    return data && link === blob.digest;
  }

  /**
   * Runs `write` unless the store holds the blob already, at most once per digest however
   * many images ask: later callers wait for the first one's write. Resolves with the bytes
   * this call wrote.
   */
  ensureBlob(blob: BlobRef, write: () => Promise<number>): Promise<number> {
    const pending = this.writes.get(blob.digest);
    if (pending !== undefined) return pending.then(() => 0);
    const writing = this.hasBlob(blob).then((present) => (present ? 0 : write()));
    this.writes.set(blob.digest, writing);
    // A later image may retry a write that failed.
    writing.catch(() => this.writes.delete(blob.digest));
    return writing;
  }

  /** Writes a blob from `body`, hashing it on the way; nothing is committed unless size and digest match. */
  async writeBlob(blob: BlobRef, body: ReadableStream<Uint8Array>, onBytes?: (bytesSoFar: number) => void): Promise<void> {
    await this.commit(blob.digest, (data) => pipeline(Readable.fromWeb(body.pipeThrough(verifyingStream(blob, onBytes)) as never), createWriteStream(data)));
  }

  /** Writes a blob whose digest is learned from its bytes; resolves with what it was stored under. */
  async writeUnknownBlob(body: ReadableStream<Uint8Array>): Promise<BlobRef> {
    const hash = createHash('sha256');
    let size = 0;
    const counting = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const staged = await this.stage();
    try {
      await pipeline(Readable.fromWeb(body as never), counting, createWriteStream(join(staged, 'data')));
      const digest = `sha256:${hash.digest('hex')}`;
      if (!(await this.hasBlob({ digest, size }))) await this.place(staged, digest);
      return { digest, size };
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }

  /** Writes small content (a manifest, a config) as a blob unless it is there; resolves with its digest. */
  async writeBytes(bytes: Uint8Array): Promise<string> {
    const blob = { digest: sha256Digest(bytes), size: bytes.length };
    await this.ensureBlob(blob, async () => {
      await this.commit(blob.digest, (data) => writeFile(data, bytes));
      return blob.size;
    });
    return blob.digest;
  }

  /** Makes a blob of the store part of `repository`. */
  linkLayer(repository: string, digest: string): Promise<void> {
    return this.link(layerLinkPath(this.root, repository, digest), digest);
  }

  /**
   * Stores `manifest` verbatim and makes `repository` serve it under `reference` (a tag, or
   * its digest). Everything it references must be in `repository` already.
   */
  async putManifest(repository: string, reference: string, manifest: Manifest): Promise<void> {
    await this.writeBytes(manifest.bytes);
    await this.link(revisionLinkPath(this.root, repository, manifest.digest), manifest.digest);
    if (SHA256_DIGEST.test(reference)) return;
    await this.link(tagIndexLinkPath(this.root, repository, reference, manifest.digest), manifest.digest);
    await this.link(tagCurrentLinkPath(this.root, repository, reference), manifest.digest);
  }

  private async link(path: string, digest: string): Promise<void> {
    if ((await readLink(path)) === digest) return;
    await this.prepare();
    await writeFileAtomic(path, digest, { tmpDir: this.staging, sync: false });
  }

  /** Produces the blob's data in a staging directory, then moves that directory into place whole. */
  private async commit(digest: string, produce: (data: string) => Promise<void>): Promise<void> {
    const staged = await this.stage();
    try {
      await produce(join(staged, 'data'));
      await this.place(staged, digest);
    } finally {
      await rm(staged, { recursive: true, force: true });
    }
  }

  private async place(staged: string, digest: string): Promise<void> {
    const target = blobDir(this.root, digest);
    await mkdir(dirname(target), { recursive: true });
    try {
      await rename(staged, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw err;
      // A directory is there: leftovers without good data are replaced, a good blob kept.
      const size = await stat(join(staged, 'data')).then((s) => s.size);
      if (await this.hasBlob({ digest, size })) return;
      await rm(target, { recursive: true, force: true });
      await rename(staged, target);
    }
  }

  private async stage(): Promise<string> {
    await this.prepare();
    const dir = temporaryPath(this.staging, 'blob');
    await mkdir(dir);
    return dir;
  }

  /** Staging left by a killed run is garbage: one run at a time holds this store (the home lock). */
  private prepare(): Promise<void> {
    this.ready ??= (async () => {
      await rm(this.staging, { recursive: true, force: true });
      await mkdir(this.staging, { recursive: true });
    })();
    return this.ready;
  }
}

/** The size of the file at `path`; undefined when there is none (or it cannot be read). */
function fileSize(path: string): number | undefined {
  try {
    const found = statSync(path, { throwIfNoEntry: false });
    return found?.isFile() ? found.size : undefined;
  } catch {
    return undefined;
  }
}
