// The preload step as `up` sees it: the plan's images into the preload storage, one result
// per image. The same shapes travel as progress events and end up in the report.
import type { Plan } from '../plan.js';

/**
 * `hit`: on disk already; `cache-registry`: copied from the shared cache registry; `copied`:
 * from its upstream; `daemon`: written from the local Docker daemon because no upstream could serve it.
 */
export type ImageSource = 'hit' | 'cache-registry' | 'copied' | 'daemon';

export interface ImageResult {
  /** Canonical reference, as formatReference writes it. */
  readonly ref: string;
  /** What the tag or digest resolves to in the preload registry; absent when the copy failed. */
  readonly digest?: string;
  /** Absent when the copy failed. */
  readonly source?: ImageSource;
  /** Blob bytes this image moved into the preload registry. */
  readonly bytesCopied: number;
  /** The multi-platform index the tag names, when the tag was given one platform's image of it. */
  readonly index?: string;
  readonly error?: string;
  readonly warning?: string;
}

export type ImageEvent =
  | { readonly type: 'image-started'; readonly ref: string }
  | { readonly type: 'image-finished'; readonly result: ImageResult }
  /** `bytes` so far of a blob transfer; `bytes === size` when its last chunk went out. */
  | { readonly type: 'blob-progress'; readonly ref: string; readonly digest: string; readonly bytes: number; readonly size: number }
  /** The first transient failure retried on a host (later ones on that host are not told). */
  | { readonly type: 'retrying'; readonly message: string };

export interface PreloadOutcome {
  readonly images: readonly ImageResult[];
  /** What the failures suggest about the machine, such as a full disk. */
  readonly warnings: readonly string[];
  /** Why the cache registry was dropped for the run (down, refusing): then nothing is written back to it either. */
  readonly cacheRegistryProblem?: string;
}

/** What a write to the cache registry did. */
export interface WriteBackOutcome {
  /** The refs the cache registry now holds, digest for digest. */
  readonly written: readonly string[];
  /** Blob bytes uploaded: blobs it held already, or mounted from another of its repositories, cost none. */
  readonly bytesUploaded: number;
  /** Why some or all were not written (the registry down, refusing): the run goes on. */
  readonly warning?: string;
}

export interface Preloader {
  /** Every image is tried; one failing is in its result, never thrown. */
  preload(plan: Plan, onEvent: (event: ImageEvent) => void): Promise<PreloadOutcome>;
  /** Pushes `images`, as preloaded, to the plan's cache registry; never throws for the registry's failures. */
  writeBack(plan: Plan, images: readonly ImageResult[]): Promise<WriteBackOutcome>;
}
