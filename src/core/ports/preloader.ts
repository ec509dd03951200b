// The preload step as `up` sees it: the plan's images into the preload storage, one result
// per image. The same shapes travel as progress events and end up in the report.
import type { Plan } from '../plan.js';

/** `daemon`: written from the local Docker daemon because no upstream could serve it. */
export type ImageSource = 'hit' | 'copied' | 'daemon';

export interface ImageResult {
  /** Canonical reference, as formatReference writes it. */
  readonly ref: string;
  /** What the tag or digest resolves to in the preload registry; absent when the copy failed. */
  readonly digest?: string;
  /** Absent when the copy failed. */
  readonly source?: ImageSource;
  /** Blob bytes this image moved into the preload registry. */
  readonly bytesCopied: number;
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
}

export interface Preloader {
  /** Every image is tried; one failing is in its result, never thrown. */
  preload(plan: Plan, onEvent: (event: ImageEvent) => void): Promise<PreloadOutcome>;
}
