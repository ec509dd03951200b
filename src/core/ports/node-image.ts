// The Kind node image as `up` sees it: kept in its own storage, then put into the Docker daemon
// the cluster runs on, so `kind create cluster` finds it and pulls nothing.
import type { Plan } from '../plan.js';
import type { ImageEvent, ImageSource } from './preloader.js';
import type { Note } from './registries.js';

export interface NodeImageReport {
  readonly ref: string;
  /** The storage's answer: `hit` (already whole, no network) or `copied`; absent when the copy failed. */
  readonly stored?: Exclude<ImageSource, 'daemon'>;
  /** `present`: the daemon had it and was left alone; `loaded` from the storage; `absent`: kind pulls it. */
  readonly daemon: 'present' | 'loaded' | 'absent';
  /** What kind is given as --image: a reference the daemon holds; absent when it holds none. */
  readonly image?: string;
  /** Bytes fetched from the network for it this run. */
  readonly bytesFetched: number;
  readonly warning?: string;
}

export interface NodeImages {
  /** Never throws for a failed copy: the report says so, and kind pulls the image itself. */
  ensure(plan: Plan, note: Note, progress?: (event: ImageEvent) => void): Promise<NodeImageReport>;
}
