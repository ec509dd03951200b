// The preload storage's images pushed to the cache registry, so the next job, on any branch
// or repository, reads them there instead of from their upstreams. Everything is read from
// the disk, verbatim: the cache registry gets the upstream's digests. Per image, blobs first
// (each digest uploaded once per run: an image sharing it with one pushed before mounts it
// from that image's repository), then child manifests, then the index a tag named when one
// platform was copied (as a blob: a registry refuses an index whose other children it lacks),
// then the manifest under its tag or digest. Any image of the storage (a node image too)
// can be written the same way.

import { cacheRepository, type CacheRegistryLocation } from '../images/cache-registry.js';
import { parseReference, preloadRepository } from '../images/reference.js';
import type { CredentialLookup, RegistryAccess } from '../oci/access.js';
import { RegistryClient } from '../oci/client.js';
import { requiredBlobs, type Descriptor, type Manifest } from '../oci/manifest.js';
import { isIndex } from '../oci/media-types.js';
import { RegistryPush } from '../oci/push.js';
import { RegistryError } from '../oci/registry-error.js';
import type { ImageResult, WriteBackOutcome } from '../ports/preloader.js';
import { PreloadStore } from '../storage/preload-store.js';
import { limiter, type Limiter } from './limiter.js';

export interface WriteBackOptions {
  /** The preload storage the images are read from. */
  readonly root: string;
  readonly access: RegistryAccess;
  readonly location: CacheRegistryLocation;
  readonly credentials: CredentialLookup;
  readonly stallTimeoutMs?: number;
  readonly signal?: AbortSignal;
  /** Blob uploads at once (default 4). */
  readonly concurrency?: number;
}

const DEFAULT_STALL_MS = 60_000;
const DEFAULT_CONCURRENCY = 4;

/** Pushes each image (its ref and the digest the preload storage serves it under) to the cache registry. */
export async function writeBack(images: readonly Pick<ImageResult, 'ref' | 'digest' | 'index'>[], options: WriteBackOptions): Promise<WriteBackOutcome> {
  const wanted = images.filter((i): i is typeof i & { digest: string } => i.digest !== undefined);
  const written: string[] = [];
  let run: WriteRun | undefined;
  let current: string | undefined;
  try {
    const client = new RegistryClient(options.access, {
      credentials: options.credentials,
      stallMs: options.stallTimeoutMs ?? DEFAULT_STALL_MS,
      ...(options.signal !== undefined && { signal: options.signal }),
    });
    run = new WriteRun(new RegistryPush(client), new PreloadStore(options.root), options, limiter(options.concurrency ?? DEFAULT_CONCURRENCY));
    for (const image of wanted) {
      current = image.ref;
      await run.image(image.ref, image.digest, image.index);
      written.push(image.ref);
    }
    return { written, bytesUploaded: run.bytes };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    // One failure says enough: a registry down or refusing would refuse the rest alike.
    const why = err instanceof RegistryError ? err.message : `${current ?? 'the cache registry'}: ${err instanceof Error ? err.message : String(err)}`;
    return { written, bytesUploaded: run?.bytes ?? 0, warning: `cache registry: ${wanted.length - written.length} image(s) not written (${why})` };
  }
}

class WriteRun {
  bytes = 0;
  /** The repository each blob went to first, once there: where later images mount it from. */
  private readonly blobs = new Map<string, Promise<string>>();

  constructor(
    private readonly push: RegistryPush,
    private readonly store: PreloadStore,
    private readonly options: WriteBackOptions,
    private readonly uploads: Limiter,
  ) {}

  async image(ref: string, digest: string, index: string | undefined): Promise<void> {
    const source = parseReference(ref);
    const local = preloadRepository(source);
    const repository = cacheRepository(this.options.location, source);
    const manifest = await this.stored(local, digest);
    await this.tree(local, repository, manifest);
    if (index !== undefined) {
      const bytes = await this.store.storedManifest(index);
      if (bytes !== undefined) await this.blob(repository, { digest: index, size: bytes.bytes.length });
    }
    await this.push.putManifest(repository, source.digest ?? source.tag ?? 'latest', manifest);
  }

  /** Everything `manifest` references, in the cache registry (not the manifest itself). */
  private async tree(local: string, repository: string, manifest: Manifest): Promise<void> {
    if (isIndex(manifest.mediaType)) {
      for (const entry of manifest.references) {
        const child = await this.stored(local, entry.digest);
        await this.tree(local, repository, child);
        await this.push.putManifest(repository, entry.digest, child);
      }
      return;
    }
    await Promise.all(requiredBlobs(manifest).map((blob) => this.blob(repository, blob)));
  }

  private blob(repository: string, blob: Pick<Descriptor, 'digest' | 'size'>): Promise<void> {
    const first = this.blobs.get(blob.digest);
    const sending = (async () => {
      const from = await first?.catch(() => undefined);
      const source = { ...blob, open: () => this.store.openBlob(blob.digest) };
      // Added after the await: `bytes += await` would add to a total read before other uploads ended.
      const sent = await this.uploads(() => this.push.putBlob(repository, source, from));
      this.bytes += sent;
      return repository;
    })();
    if (first === undefined) this.blobs.set(blob.digest, sending);
    return sending.then(() => undefined);
  }

  private async stored(repository: string, digest: string): Promise<Manifest> {
    const manifest = await this.store.manifest(repository, digest);
    if (manifest === undefined) throw new Error(`manifest ${digest} is not in the preload storage`);
    return manifest;
  }
}
