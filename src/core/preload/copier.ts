// Fills the preload registry's storage from upstream registries, blob for blob, so digests
// survive. The storage is written directly (see preload-store.ts); the registry container
// only serves it, and nothing here needs it running.
//
// Platforms: a tag whose upstream manifest is a multi-platform index is, by default, copied
// for one platform only (the host's CPU, on Linux) and the tag is pointed at that
// platform's image manifest, bytes verbatim, so its digest equals the upstream's manifest
// for that platform. That moves a fraction of the bytes a whole index would, and containerd
// on the Kind node accepts a plain manifest under a tag. The index itself is kept as an
// unlinked blob (no repository serves it), so a warm run maps the upstream's answer to a
// HEAD onto the tagged child without a GET. With `platforms: 'all'` or several platforms
// the whole index and every child is copied and the tag points at the index. Digest-pinned
// refs always get exactly the upstream bytes under that digest (the whole index with all
// its children when the digest names an index), or the pin would miss.
//
// A warm run decides from the disk: a digest-pinned ref that is complete in storage needs
// no network at all, a tag one HEAD upstream.

import { formatReference, preloadRepository, type ImageRef } from '../images/reference.js';
import type { CredentialLookup, RegistryResolver } from '../oci/access.js';
import { RegistryClient, type ClientOptions } from '../oci/client.js';
import { DigestMismatchError } from '../oci/digest-stream.js';
import { importFromDaemon } from '../daemon/daemon-import.js';
import { limiter, type Limiter } from './limiter.js';
import type { LocalImages } from '../daemon/local-images.js';
import { requiredBlobs, type Descriptor, type Manifest } from '../oci/manifest.js';
import { isIndex } from '../oci/media-types.js';
import { formatPlatform, hostPlatform, parsePlatform, selectPlatform, type Platform } from '../oci/platform.js';
import { PreloadStore } from '../storage/preload-store.js';
import { isUnreachable, RegistryError } from '../oci/registry-error.js';
import type { ImageEvent, ImageResult, ImageSource } from '../ports/preloader.js';

export interface CopyRequest {
  readonly source: ImageRef;
  /**
   * A pinned index is stored with only the one platform `platforms` names, the index itself
   * verbatim: for an image Docker pulls (the Kind node image), which resolves the index to
   * its own platform. Other pinned refs keep every child, as containerd may ask for any.
   */
  readonly onePlatform?: boolean;
}

export interface CopyOptions {
  /** The preload registry's storage directory (its rootdirectory). */
  readonly target: { readonly root: string };
  /** Where each upstream host is reached. */
  readonly upstream: RegistryResolver;
  /** `['linux/amd64']`-style list or `'all'`; defaults to the host's Linux platform. */
  readonly platforms?: 'all' | readonly string[];
  /** Transfers of blobs over 1 MiB running at once (default 6). */
  readonly concurrency?: number;
  /** Credentials for registries whose access names none; defaults to the Docker config. */
  readonly credentials: CredentialLookup;
  /** Longest silence tolerated from a registry before a request fails (default 60 s). */
  readonly stallTimeoutMs?: number;
  /** Where to find images no upstream serves (built in this job); none by default. */
  readonly localImages?: LocalImages;
  /** Aborting it (SIGINT, SIGTERM) ends the run at once, a retry's wait included, with its reason. */
  readonly signal?: AbortSignal;
  /** The preload port's events, so they reach the reporter untranslated. */
  readonly onEvent?: (event: ImageEvent) => void;
}

export interface CopyTotals {
  readonly images: number;
  readonly hits: number;
  readonly copied: number;
  readonly fromDaemon: number;
  readonly failed: number;
  readonly bytesCopied: number;
  readonly durationMs: number;
}

export interface CopyReport {
  readonly results: readonly ImageResult[];
  readonly totals: CopyTotals;
}

const DEFAULT_CONCURRENCY = 6;
/**
 * Images resolved at once. A warm image costs one HEAD and a few stats, so dozens in flight
 * keep a 200-image run short; blob transfers have their own, smaller bound.
 */
const IMAGE_CONCURRENCY = 32;
const DEFAULT_STALL_MS = 60_000;
const SMALL_BLOB = 1024 * 1024;

/** Copies every image, each independently: one failing image is reported, never thrown. */
export async function copyImages(requests: readonly CopyRequest[], options: CopyOptions): Promise<CopyReport> {
  const started = Date.now();
  const run = new CopyRun(options);
  const images = limiter(IMAGE_CONCURRENCY);
  const results = await Promise.all(requests.map((request) => images(() => run.copy(request))));
  return { results, totals: totalsOf(results, Date.now() - started) };
}

interface Job {
  readonly source: ImageRef;
  readonly onePlatform: boolean;
  readonly ref: string;
  /** The repository in the preload registry. */
  readonly target: string;
  bytes: number;
}

class CopyRun {
  private readonly store: PreloadStore;
  private readonly upstreams = new Map<string, RegistryClient>();
  private readonly transfers: Limiter;
  private readonly platforms: 'all' | readonly Platform[];
  private readonly clientOptions: ClientOptions;

  constructor(private readonly options: CopyOptions) {
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`copier concurrency must be a positive integer, not ${concurrency}`);
    this.platforms = options.platforms === 'all' ? 'all' : (options.platforms?.map(parsePlatform) ?? [hostPlatform()]);
    if (this.platforms !== 'all' && this.platforms.length === 0) throw new Error('the copier was given no platform to copy');
    this.clientOptions = {
      credentials: options.credentials,
      stallMs: options.stallTimeoutMs ?? DEFAULT_STALL_MS,
      ...(options.signal !== undefined && { signal: options.signal }),
      onRetry: (message) => options.onEvent?.({ type: 'retrying', message }),
    };
    this.store = new PreloadStore(options.target.root);
    this.transfers = limiter(concurrency);
  }

  async copy({ source, onePlatform = false }: CopyRequest): Promise<ImageResult> {
    const job: Job = { source, onePlatform, ref: formatReference(source), target: preloadRepository(source), bytes: 0 };
    this.options.onEvent?.({ type: 'image-started', ref: job.ref });
    let result: ImageResult;
    try {
      result = await this.copyImage(job);
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      result = await this.recover(job, err);
    }
    this.options.onEvent?.({ type: 'image-finished', result });
    return result;
  }

  private async copyImage(job: Job): Promise<ImageResult> {
    const { source } = job;
    if (source.digest !== undefined) {
      // Content under a digest never changes: present means done, even with the upstream gone.
      if (await this.complete(job, source.digest)) return done(job, 'hit', source.digest);
      const upstream = this.upstream(source.host);
      const manifest = await upstream.getManifest(source.repository, source.digest);
      const child = job.onePlatform ? this.platformChild(job, upstream, manifest) : undefined;
      if (child === undefined) await this.copyTree(job, upstream, manifest);
      else {
        const chosen = await upstream.getManifest(source.repository, child.digest);
        await this.copyTree(job, upstream, chosen);
        await this.store.putManifest(job.target, child.digest, chosen);
      }
      await this.store.putManifest(job.target, source.digest, manifest);
      return done(job, 'copied', manifest.digest);
    }

    const tag = source.tag ?? 'latest';
    const upstream = this.upstream(source.host);
    // HEAD, not GET, to decide a hit: registries such as Docker Hub count manifest GETs
    // against pull limits. A tag not on disk needs the GET anyway, so it skips the HEAD.
    const current = await this.store.resolve(job.target, tag);
    const announced = current === undefined ? undefined : await upstream.manifestDigest(source.repository, tag);
    if (current !== undefined && announced !== undefined) {
      const stored = current === announced ? undefined : await this.store.storedManifest(announced);
      const wanted = stored === undefined ? announced : (this.platformChild(job, upstream, stored)?.digest ?? announced);
      if (wanted === current && (await this.store.complete(job.target, current))) return done(job, 'hit', current);
    }
    const top = await upstream.getManifest(source.repository, announced ?? tag);
    const child = this.platformChild(job, upstream, top);
    if (child !== undefined) await this.store.writeBytes(top.bytes);
    if (current !== undefined && current === (child?.digest ?? top.digest) && (await this.store.complete(job.target, current))) return done(job, 'hit', current);
    const chosen = child === undefined ? top : await upstream.getManifest(source.repository, child.digest);
    await this.copyTree(job, upstream, chosen);
    await this.store.putManifest(job.target, tag, chosen);
    return done(job, 'copied', chosen.digest);
  }

  /** Whether `digest` is whole in storage: with `onePlatform`, an index needs only the wanted child. */
  private async complete(job: Job, digest: string): Promise<boolean> {
    if (!job.onePlatform) return this.store.complete(job.target, digest);
    if (this.platforms === 'all' || this.platforms.length !== 1) return this.store.complete(job.target, digest);
    return (await this.store.platformImage(job.target, digest, this.platforms[0]!)) !== undefined;
  }

  /** The index entry to tag when one platform is wanted; undefined when `top` itself is tagged. */
  private platformChild(job: Job, upstream: RegistryClient, top: Manifest): Descriptor | undefined {
    if (!isIndex(top.mediaType) || this.platforms === 'all' || this.platforms.length > 1) return undefined;
    const wanted = this.platforms[0]!;
    const child = selectPlatform(top.references, wanted);
    if (child === undefined) {
      const offered = top.references.flatMap((entry) => (entry.platform !== undefined ? [formatPlatform(entry.platform)] : []));
      throw new RegistryError(
        'not-found',
        upstream.host,
        job.source.repository,
        `no ${formatPlatform(wanted)} image in the index (it has ${offered.join(', ') || 'no platforms'})`,
      );
    }
    return child;
  }

  /** Stores and links everything `manifest` references (not the manifest itself). */
  private async copyTree(job: Job, upstream: RegistryClient, manifest: Manifest): Promise<void> {
    if (isIndex(manifest.mediaType)) {
      await settleAll(
        manifest.references.map(async (entry) => {
          if (await this.store.complete(job.target, entry.digest)) return;
          const child = await upstream.getManifest(job.source.repository, entry.digest);
          await this.copyTree(job, upstream, child);
          await this.store.putManifest(job.target, entry.digest, child);
        }),
      );
      return;
    }
    await settleAll(
      requiredBlobs(manifest).map(async (blob) => {
        // Small blobs (configs, thin layers) cost a round trip, not bandwidth: only the images' own bound applies.
        const transfer = () => this.transfer(job, upstream, blob);
        const moved = await this.store.ensureBlob(blob, blob.size <= SMALL_BLOB ? transfer : () => this.transfers(transfer));
        job.bytes += moved;
        await this.store.linkLayer(job.target, blob.digest);
      }),
    );
  }

  private async transfer(job: Job, upstream: RegistryClient, blob: Descriptor): Promise<number> {
    const body = await upstream.getBlob(job.source.repository, blob.digest);
    const onBytes = (bytes: number): void =>
      this.options.onEvent?.({ type: 'blob-progress', ref: job.ref, digest: blob.digest, bytes, size: blob.size });
    try {
      await this.store.writeBlob(blob, body, onBytes);
    } catch (err) {
      if (err instanceof DigestMismatchError) throw new RegistryError('invalid', upstream.host, job.source.repository, err.message);
      throw err;
    }
    return blob.size;
  }

  /**
   * A failed copy may still be served: from the preload storage when the upstream is merely
   * unreachable, else from the local Docker daemon when the upstream cannot give the image.
   */
  private async recover(job: Job, err: unknown): Promise<ImageResult> {
    const upstreamError = err instanceof RegistryError ? err : undefined;
    if (upstreamError !== undefined && isUnreachable(upstreamError)) {
      const reference = job.source.digest ?? job.source.tag ?? 'latest';
      const present = await this.store.resolve(job.target, reference).catch(() => undefined);
      if (present !== undefined) {
        if (await this.complete(job, present).catch(() => false)) {
          return { ...done(job, 'hit', present), warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); using the preloaded copy` };
        }
        return failed(job, `upstream ${upstreamError.host} unreachable (${upstreamError.detail}) and the preloaded copy is missing blobs (dropped as damaged?)`);
      }
    }
    let failure = this.describe(err);
    const local = this.options.localImages;
    // Only a tag can be rebuilt from the daemon: its manifest bytes are ours, not the upstream's.
    if (local !== undefined && upstreamError !== undefined && upstreamError.kind !== 'invalid' && job.source.digest === undefined) {
      try {
        const imported = await importFromDaemon(local, this.store, job.ref, job.target, job.source.tag ?? 'latest', (digest, size) =>
          this.options.onEvent?.({ type: 'blob-progress', ref: job.ref, digest, bytes: size, size }),
        );
        if (imported !== undefined) {
          job.bytes += imported.bytesCopied;
          const result = done(job, imported.unchanged ? 'hit' : 'daemon', imported.digest);
          return isUnreachable(upstreamError) ? { ...result, warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); preloaded from the local Docker daemon` } : result;
        }
        failure += '; not in the local Docker daemon either';
      } catch (daemonErr) {
        failure += `; preloading from the local Docker daemon failed: ${this.describe(daemonErr)}`;
      }
    }
    return failed(job, failure);
  }

  private describe(err: unknown): string {
    if (!(err instanceof RegistryError)) return storageFailure(err, this.store.root);
    if (isUnreachable(err)) return `upstream ${err.host} unreachable (${err.detail}) and the image is not preloaded`;
    return `${err.detail} (upstream ${err.host})`;
  }

  private upstream(host: string): RegistryClient {
    let client = this.upstreams.get(host);
    if (client === undefined) {
      client = new RegistryClient(this.options.upstream(host), this.clientOptions);
      this.upstreams.set(host, client);
    }
    return client;
  }
}

/** A filesystem error as one line naming the preload storage, without the long paths Node puts in messages. */
function storageFailure(err: unknown, root: string): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = { ENOSPC: 'no space left on device', EACCES: 'permission denied', EROFS: 'read-only filesystem', EDQUOT: 'disk quota exceeded' };
  if (code !== undefined && reasons[code] !== undefined) return `cannot write the preload storage ${root}: ${reasons[code]}`;
  if (code !== undefined) return `cannot write the preload storage ${root}: ${code}`;
  return err instanceof Error ? err.message : String(err);
}

/**
 * Like Promise.all, but waits for every sibling before failing: a copy reported failed has
 * no transfers still running behind it, and what did succeed is committed for the rerun.
 */
async function settleAll(work: readonly Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(work);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure !== undefined) throw failure.reason;
}

function done(job: Job, source: ImageSource, digest: string): ImageResult {
  return { ref: job.ref, digest, source, bytesCopied: job.bytes };
}

function failed(job: Job, error: string): ImageResult {
  return { ref: job.ref, bytesCopied: job.bytes, error: `${job.ref}: ${error}` };
}

function totalsOf(results: readonly ImageResult[], durationMs: number): CopyTotals {
  const count = (source: ImageSource): number => results.filter((r) => r.source === source).length;
  const failed = results.filter((r) => r.error !== undefined).length;
  return {
    images: results.length,
    hits: count('hit'),
    copied: count('copied'),
    fromDaemon: count('daemon'),
    failed,
    bytesCopied: results.reduce((sum, r) => sum + r.bytesCopied, 0),
    durationMs,
  };
}
