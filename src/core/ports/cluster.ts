// The Kind cluster as `up` sees it.
import type { Plan } from '../plan.js';
import type { Note } from './registries.js';

export interface ClusterReport {
  readonly name: string;
  readonly action: 'created' | 'reused';
  readonly kubeconfig: string;
  /** The cluster state file `down` reads. */
  readonly state: string;
}

export interface Cluster {
  /** Creates the plan's cluster, or reuses this home's, and records its state. */
  ensure(plan: Plan, note: Note): Promise<ClusterReport>;
  /** KEP-1755's ConfigMap: a problem with it is returned, for a warning, never thrown. */
  announceLocalRegistry(cluster: ClusterReport, host: string): Promise<{ readonly problem?: string }>;
}
