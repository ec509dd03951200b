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

import { cacheRepository, type CacheRegistryLocation } from '../images/cache-registry.js';
import { formatReference, preloadRepository, type ImageRef } from '../images/reference.js';
import type { CredentialLookup, RegistryAccess, RegistryResolver } from '../oci/access.js';
import { RegistryClient, type ClientOptions } from '../oci/client.js';
import { DigestMismatchError } from '../oci/digest-stream.js';
import { importFromDaemon } from '../daemon/daemon-import.js';
import { eachUntilFailure, limiter, type Limiter } from './limiter.js';
import type { LocalImages } from '../daemon/local-images.js';
import { parseManifest, requiredBlobs, sha256Digest, type Descriptor, type Manifest } from '../oci/manifest.js';
import { isIndex } from '../oci/media-types.js';
import { formatPlatform, hostPlatform, parsePlatform, selectPlatform, type Platform } from '../oci/platform.js';
import { PreloadStore } from '../storage/preload-store.js';
import { isUnreachable, RegistryError } from '../oci/registry-error.js';
import type { ImageEvent, ImageResult, ImageSource } from '../ports/preloader.js';
import { SHA256_DIGEST } from '../images/reference.js';
import { readCapped } from '../streams/capped.js';

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
  /** A registry shared by other jobs, read before the upstreams: images not on disk are copied from it when it has them. */
  readonly cacheRegistry?: { readonly access: RegistryAccess; readonly location: CacheRegistryLocation };
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
  /** Why the cache registry stopped being read (down, refusing): told once for the run. */
  readonly cacheRegistryWarning?: string;
}

const DEFAULT_CONCURRENCY = 6;
/**
 * Images resolved at once. A warm image costs one HEAD and a few stats, so dozens in flight
 * keep a 200-image run short; blob transfers have their own, smaller bound.
 */
const IMAGE_CONCURRENCY = 32;
/** An index's children fetched at once: one child lost loses the image, and stops the rest. */
const INDEX_CONCURRENCY = 8;
const DEFAULT_STALL_MS = 60_000;
const SMALL_BLOB = 1024 * 1024;

/** Copies every image, each independently: one failing image is reported, never thrown. */
export async function copyImages(requests: readonly CopyRequest[], options: CopyOptions): Promise<CopyReport> {
  const started = Date.now();
  const run = new CopyRun(options);
  const images = limiter(IMAGE_CONCURRENCY);
  const results = await Promise.all(requests.map((request) => images(() => run.copy(request))));
  const warning = run.cacheRegistryWarning();
  return { results, totals: totalsOf(results, Date.now() - started), ...(warning !== undefined && { cacheRegistryWarning: warning }) };
}

interface Job {
  readonly source: ImageRef;
  readonly onePlatform: boolean;
  readonly ref: string;
  /** The repository in the preload registry. */
  readonly target: string;
  bytes: number;
  /** The index a tag names when only one platform's image of it is tagged (the index kept as a blob). */
  index?: string;
}

/** A registry and the repository an image has there: an upstream, or the cache registry. */
interface Origin {
  readonly client: RegistryClient;
  readonly repository: string;
}

/** The cache registry has not all of an image: the upstream serves it instead. */
class NotCached extends Error {}

const MAX_INDEX = 4 * 1024 * 1024;

class CopyRun {
  private readonly store: PreloadStore;
  private readonly upstreams = new Map<string, RegistryClient>();
  private readonly transfers: Limiter;
  private readonly platforms: 'all' | readonly Platform[];
  private readonly clientOptions: ClientOptions;
  private readonly cache: RegistryClient | undefined;
  /** Set at the cache registry's first failure other than a miss: it is not asked again this run. */
  private cacheFailure: RegistryError | undefined;

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
    this.cache = options.cacheRegistry === undefined ? undefined : new RegistryClient(options.cacheRegistry.access, this.clientOptions);
  }

  cacheRegistryWarning(): string | undefined {
    const failure = this.cacheFailure;
    return failure === undefined ? undefined : `cache registry ${failure.host} not used (${failure.detail}); images came from their upstreams`;
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
      const cached = await this.fromCache(job, source.digest, source.digest);
      if (cached !== undefined) return cached;
      const upstream = this.upstream(source);
      const manifest = await upstream.client.getManifest(source.repository, source.digest);
      const child = job.onePlatform ? this.platformChild(upstream, manifest) : undefined;
      if (child === undefined) await this.copyTree(job, upstream, manifest);
      else {
        const chosen = await upstream.client.getManifest(source.repository, child.digest);
        await this.copyTree(job, upstream, chosen);
        await this.store.putManifest(job.target, child.digest, chosen);
      }
      await this.store.putManifest(job.target, source.digest, manifest);
      return done(job, 'copied', manifest.digest);
    }

    const tag = source.tag ?? 'latest';
    const upstream = this.upstream(source);
    // HEAD, not GET, to decide a hit: registries such as Docker Hub count manifest GETs
    // against pull limits. A tag on neither disk nor a cache registry needs the GET anyway,
    // so it skips the HEAD.
    const current = await this.store.resolve(job.target, tag);
    const announced = current === undefined && !this.cacheUsable() ? undefined : await upstream.client.manifestDigest(source.repository, tag);
    if (current !== undefined && announced !== undefined) {
      const stored = current === announced ? undefined : await this.store.storedManifest(announced);
      const wanted = stored === undefined ? announced : (this.platformChild(upstream, stored)?.digest ?? announced);
      if (wanted === current && (await this.store.complete(job.target, current))) return done(job, 'hit', current);
    }
    if (announced !== undefined) {
      const cached = await this.fromCache(job, announced, tag);
      if (cached !== undefined) return cached;
    }
    const top = await upstream.client.getManifest(source.repository, announced ?? tag);
    const child = this.platformChild(upstream, top);
    if (child !== undefined) job.index = await this.store.writeBytes(top.bytes);
    if (current !== undefined && current === (child?.digest ?? top.digest) && (await this.store.complete(job.target, current))) return done(job, 'hit', current);
    const chosen = child === undefined ? top : await upstream.client.getManifest(source.repository, child.digest);
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

  private cacheUsable(): boolean {
    return this.cache !== undefined && this.cacheFailure === undefined;
  }

  /**
   * The image from the cache registry, read by `digest` (what the upstream named, or the pin)
   * and stored under `reference`; undefined when the cache registry lacks any part of it, or
   * fails (then it is dropped for the run). Digests are checked as from any registry: a cache
   * registry cannot change an image, only lack it.
   */
  private async fromCache(job: Job, read: string, reference: string): Promise<ImageResult | undefined> {
    const cache = this.cache;
    if (cache === undefined || this.cacheFailure !== undefined) return undefined;
    const origin: Origin = { client: cache, repository: cacheRepository(this.options.cacheRegistry!.location, job.source) };
    try {
      const top = await this.cachedManifest(origin, read);
      const pinned = job.source.digest !== undefined;
      // A pin gets the manifest it names whole, or with `onePlatform` the index and its one
      // child; a tag the platform's child when one is wanted.
      const child = pinned && !job.onePlatform ? undefined : this.platformChild(origin, top);
      if (child !== undefined && !pinned) job.index = await this.store.writeBytes(top.bytes);
      const chosen = child === undefined ? top : await this.cachedManifest(origin, child.digest);
      // Read by tag, the cache holds what the last writer copied: maybe another CPU's image.
      if (!SHA256_DIGEST.test(read) && !(await this.forWantedPlatform(origin, chosen))) return undefined;
      await this.copyTree(job, origin, chosen);
      if (pinned && child !== undefined) await this.store.putManifest(job.target, child.digest, chosen);
      await this.store.putManifest(job.target, reference, pinned ? top : chosen);
      return done(job, 'cache-registry', pinned ? top.digest : chosen.digest);
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      if (err instanceof NotCached || (err instanceof RegistryError && err.kind === 'not-found' && err.host === cache.host)) return undefined;
      if (err instanceof RegistryError && err.host === cache.host) {
        this.cacheFailure ??= err;
        return undefined;
      }
      throw err;
    }
  }

  /**
   * A manifest of the cache registry by digest. An index copied for one platform is kept
   * there as a plain blob (a registry refuses an index whose other children it lacks), as in
   * the preload storage: its bytes are read and checked against the digest.
   */
  private async cachedManifest(origin: Origin, digest: string): Promise<Manifest> {
    const missing = (err: unknown): boolean => err instanceof RegistryError && err.kind === 'not-found';
    try {
      return await origin.client.getManifest(origin.repository, digest);
    } catch (err) {
      if (!missing(err) || !SHA256_DIGEST.test(digest)) throw err;
    }
    let bytes: Buffer | undefined;
    try {
      bytes = await readCapped(await origin.client.getBlob(origin.repository, digest), MAX_INDEX);
    } catch (err) {
      if (missing(err)) throw new NotCached();
      throw err;
    }
    if (bytes === undefined || sha256Digest(bytes) !== digest) throw new NotCached();
    try {
      return parseManifest(bytes, null);
    } catch {
      throw new NotCached();
    }
  }

  /** Whether an image manifest's config names the one platform wanted (an index, or several wanted: yes). */
  private async forWantedPlatform(origin: Origin, manifest: Manifest): Promise<boolean> {
    const config = manifest.references[0];
    if (isIndex(manifest.mediaType) || this.platforms === 'all' || this.platforms.length > 1 || config === undefined) return true;
    const bytes = await readCapped(await origin.client.getBlob(origin.repository, config.digest), MAX_INDEX);
    if (bytes === undefined || sha256Digest(bytes) !== config.digest) return false;
    let platform: Platform;
    try {
      const parsed = JSON.parse(bytes.toString('utf8')) as { os?: unknown; architecture?: unknown; variant?: unknown };
      if (typeof parsed.os !== 'string' || typeof parsed.architecture !== 'string') return false;
      platform = { os: parsed.os, architecture: parsed.architecture, ...(typeof parsed.variant === 'string' && { variant: parsed.variant }) };
    } catch {
      return false;
    }
    return selectPlatform([{ platform }], this.platforms[0]!) !== undefined;
  }

  /** The index entry to tag when one platform is wanted; undefined when `top` itself is tagged. */
  private platformChild(from: Origin, top: Manifest): Descriptor | undefined {
    if (!isIndex(top.mediaType) || this.platforms === 'all' || this.platforms.length > 1) return undefined;
    const wanted = this.platforms[0]!;
    const child = selectPlatform(top.references, wanted);
    if (child === undefined) {
      const offered = top.references.flatMap((entry) => (entry.platform !== undefined ? [formatPlatform(entry.platform)] : []));
      throw new RegistryError(
        'not-found',
        from.client.host,
        from.repository,
        `no ${formatPlatform(wanted)} image in the index (it has ${offered.join(', ') || 'no platforms'})`,
      );
    }
    return child;
  }

  /** Stores and links everything `manifest` references (not the manifest itself). */
  private async copyTree(job: Job, from: Origin, manifest: Manifest): Promise<void> {
    if (isIndex(manifest.mediaType)) {
      await eachUntilFailure(manifest.references, INDEX_CONCURRENCY, async (entry) => {
        if (await this.store.complete(job.target, entry.digest)) return;
        const child = await from.client.getManifest(from.repository, entry.digest);
        await this.copyTree(job, from, child);
        await this.store.putManifest(job.target, entry.digest, child);
      });
      return;
    }
    await settleAll(
      requiredBlobs(manifest).map(async (blob) => {
        // Small blobs (configs, thin layers) cost a round trip, not bandwidth: only the images' own bound applies.
        const transfer = () => this.transfer(job, from, blob);
        const moved = await this.store.ensureBlob(blob, blob.size <= SMALL_BLOB ? transfer : () => this.transfers(transfer));
        job.bytes += moved;
        await this.store.linkLayer(job.target, blob.digest);
      }),
    );
  }

  private async transfer(job: Job, from: Origin, blob: Descriptor): Promise<number> {
    const body = await from.client.getBlob(from.repository, blob.digest);
    const onBytes = (bytes: number): void =>
      this.options.onEvent?.({ type: 'blob-progress', ref: job.ref, digest: blob.digest, bytes, size: blob.size });
    try {
      await this.store.writeBlob(blob, body, onBytes);
    } catch (err) {
      if (err instanceof DigestMismatchError) throw new RegistryError('invalid', from.client.host, from.repository, err.message);
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
      // The tag as the cache registry last got it: the upstream cannot say what it names now.
      const tag = job.source.tag ?? 'latest';
      const cached = job.source.digest === undefined ? await this.fromCache(job, tag, tag) : undefined;
      if (cached !== undefined) {
        return { ...cached, warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); using the cache registry's copy of the tag` };
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

  private upstream(source: ImageRef): Origin {
    let client = this.upstreams.get(source.host);
    if (client === undefined) {
      client = new RegistryClient(this.options.upstream(source.host), this.clientOptions);
      this.upstreams.set(source.host, client);
    }
    return { client, repository: source.repository };
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
  return { ref: job.ref, digest, source, bytesCopied: job.bytes, ...(job.index !== undefined && job.index !== digest && { index: job.index }) };
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
