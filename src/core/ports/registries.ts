// The registry containers as `up` sees them: each started from what the plan states.
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
}
