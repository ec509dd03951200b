// The cluster step: create the plan's cluster, or reuse this home's with the current hosts
// files, and record its state for `down`.
import type { Exec } from '../exec/exec.js';
import type { Plan } from '../plan.js';
import type { Cluster, ClusterReport } from '../ports/cluster.js';
import type { Note } from '../ports/registries.js';
import { announceLocalRegistry } from '../local/announce.js';
import { clusterExists, clusterNodes, createCluster, syncHostsIntoNodes } from './cluster.js';
import { assertOwnCluster } from './ownership.js';
import { writeClusterState } from './state.js';

/** The cluster port over the kind and kubectl binaries. */
export function kindCluster(exec: Exec): Cluster {
  return {
    ensure: (plan, note) => ensureKindCluster(exec, plan, note),
    announceLocalRegistry: (cluster, host) => announceLocalRegistry(exec, cluster, host),
  };
}

async function ensureKindCluster(exec: Exec, plan: Plan, note: Note): Promise<ClusterReport> {
  const { name, kubeconfig, kindConfigPath, statePath } = plan.cluster;
  let action: ClusterReport['action'];
  if (await clusterExists(exec, name)) {
    await assertOwnCluster(exec, plan.sewHome, name, 'reused', plan.hostsDir);
    action = 'reused';
    const synced = await syncHostsIntoNodes(exec, await clusterNodes(exec, name), plan.hostsDir);
    if (synced.length) note(`hosts.toml copied into ${synced.join(', ')}`);
  } else {
    action = 'created';
    await createCluster(exec, plan.kindConfig, kindConfigPath, {
      wait: plan.cluster.wait,
      ...(plan.cluster.nodeImage && { image: plan.cluster.nodeImage }),
      onOutput: (chunk) => chunk.split('\n').filter((l) => l.trim()).forEach((l) => note(l.trim())),
    });
  }
  await writeClusterState(statePath, { name, kubeconfig, kindConfig: kindConfigPath, hostsDir: plan.hostsDir, createdAt: new Date().toISOString(), createdBy: 'sew-ci' });
  return { name, action, kubeconfig, state: statePath };
}
