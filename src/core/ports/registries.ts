// The registry containers as the use cases see them: each started from what the plan states,
// and stopped or removed by the home that owns them, never another home's.
import type { Plan } from '../plan.js';

export type Note = (message: string) => void;

export interface StartedRegistry {
  readonly name: string;
  /** How this host reaches it: http://127.0.0.1:<port>. */
  readonly url: string;
  readonly hostPort: number;
  readonly action: 'kept' | 'created' | 'replaced';
}

export interface MirrorState {
  readonly host: string;
  readonly container: string;
  /** How this host reaches it; absent when it could not be started at all. */
  readonly url?: string;
  /** Why the mirror is not serving at all; nodes then fall back to the upstream. */
  readonly problem?: string;
  /** Serving its cache without proxying. */
  readonly degraded?: string;
}

export interface Registries {
  /** The container engine answers: checked first, so a run without one stops before any work. */
  connect(): Promise<void>;
  /** The preload registry, up and answering; `note` hears of an image pull. */
  startPreload(plan: Plan, note: Note): Promise<StartedRegistry>;
  /** One proxy per mirrored upstream with a local endpoint; one that cannot serve is reported, not thrown. */
  startMirrors(plan: Plan): Promise<MirrorState[]>;
  /** The local push registry, up and answering; on another port when the plan lets it move. */
  startLocal(plan: Plan, note: Note): Promise<StartedRegistry>;
  /** Stops a home's running registries (or only those named) so their data can be archived or pruned; returns their names. */
  stop(home: string, only?: readonly string[]): Promise<string[]>;
  /** Removes every registry container of a home, running or not; returns each with the data dir it served. */
  removeAll(home: string): Promise<RemovedRegistry[]>;
}

export interface RemovedRegistry {
  readonly name: string;
  /** false when it was gone by the time it was removed. */
  readonly removed: boolean;
  /** The host directory mounted as its storage. */
  readonly data?: string;
}
