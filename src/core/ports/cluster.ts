// The Kind cluster as the use cases see it: `up` creates or reuses it, `down` deletes it.
import type { Plan } from '../plan.js';
import type { Note } from './registries.js';

export interface ClusterReport {
  readonly name: string;
  readonly action: 'created' | 'reused';
  readonly kubeconfig: string;
  /** The cluster state file `down` reads. */
  readonly state: string;
}

/** `absent`: kind knows no cluster by that name; `no-kind`: kind is not installed, so there is none of ours. */
export type RemoveOutcome = 'deleted' | 'absent' | 'no-kind';

export interface Cluster {
  /** Throws when the tool that makes clusters is missing: checked before anything starts. */
  available(): Promise<void>;
  /** Creates the plan's cluster (from `image`, a reference the daemon holds, when given), or reuses this home's, and records its state. */
  ensure(plan: Plan, note: Note, image?: string): Promise<ClusterReport>;
  /** KEP-1755's ConfigMap: a problem with it is returned, for a warning, never thrown. */
  announceLocalRegistry(cluster: ClusterReport, host: string): Promise<{ readonly problem?: string }>;
  /** The clusters a home has state for. */
  known(sewHome: string): Promise<string[]>;
  /** Deletes a cluster of this home; refuses (throws) one another home made. */
  remove(sewHome: string, name: string): Promise<RemoveOutcome>;
  /** Drops a cluster's state files; returns the hosts dir they recorded, if any. */
  forget(sewHome: string, name: string): Promise<{ readonly hostsDir?: string }>;
}
