// $SEW_HOME/clusters/<name>.yaml, sew's layout: where a cluster's state and generated Kind
// config live. Reading and writing them is the cluster adapter's (adapters/kind/state-files.ts).
import { join } from 'node:path';
import { checkClusterName } from '../input/checks.js';

export const STATE_SUFFIX = '.yaml';
export const KIND_CONFIG_SUFFIX = '.kind.yaml';

export function clustersDir(sewHome: string): string {
  return join(sewHome, 'clusters');
}

/** Refuses a name that would leave the clusters dir, whoever passes it. */
export function statePath(sewHome: string, name: string): string {
  return join(clustersDir(sewHome), `${checkClusterName(name, 'cluster name')}${STATE_SUFFIX}`);
}

/** The generated config `kind create cluster` reads, beside the state. */
export function kindConfigPath(sewHome: string, name: string): string {
  return join(clustersDir(sewHome), `${checkClusterName(name, 'cluster name')}${KIND_CONFIG_SUFFIX}`);
}
