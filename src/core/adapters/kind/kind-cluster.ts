// The cluster port over the kind and kubectl binaries: create the plan's cluster or reuse this
// home's with the current hosts files, record its state for `down`, delete it again.
import type { Exec } from '../../exec/exec.js';
import type { Plan } from '../../plan.js';
import type { Cluster, ClusterReport, RemoveOutcome } from '../../ports/cluster.js';
import type { Note } from '../../ports/registries.js';
import { clusterExists, clusterNodes, createCluster, kind, KindNotInstalledError, syncHostsIntoNodes } from './kind-binary.js';
import { announceLocalRegistry } from './local-registry-hosting.js';
import { assertOwnCluster } from './ownership.js';
import { knownClusterNames, readClusterState, removeClusterState, writeClusterState } from './state-files.js';

export function kindCluster(exec: Exec): Cluster {
  return {
    available: async () => void (await kind(exec, ['version'])),
    ensure: (plan, note, image) => ensureKindCluster(exec, plan, note, image),
    announceLocalRegistry: (cluster, host) => announceLocalRegistry(exec, cluster, host),
    known: knownClusterNames,
    remove: (sewHome, name) => removeKindCluster(exec, sewHome, name),
    async forget(sewHome, name) {
      const state = await readClusterState(sewHome, name);
      await removeClusterState(sewHome, name);
      return state?.hostsDir !== undefined ? { hostsDir: state.hostsDir } : {};
    },
  };
}

async function ensureKindCluster(exec: Exec, plan: Plan, note: Note, image = plan.cluster.image): Promise<ClusterReport> {
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
      ...(image && { image }),
      onOutput: (chunk) => chunk.split('\n').filter((l) => l.trim()).forEach((l) => note(l.trim())),
    });
  }
  await writeClusterState(statePath, { name, kubeconfig, kindConfig: kindConfigPath, hostsDir: plan.hostsDir, createdAt: new Date().toISOString(), createdBy: 'sew-ci' });
  return { name, action, kubeconfig, state: statePath };
}

async function removeKindCluster(exec: Exec, sewHome: string, name: string): Promise<RemoveOutcome> {
  // Without kind there is no cluster of ours to delete (a run with --no-cluster): `down`,
  // and a CI teardown after it, goes on.
  const exists = await clusterExists(exec, name).catch((err: unknown) => {
    if (err instanceof KindNotInstalledError) return undefined;
    throw err;
  });
  if (exists === undefined) return 'no-kind';
  if (!exists) return 'absent';
  await assertOwnCluster(exec, sewHome, name, 'deleted');
  await kind(exec, ['delete', 'cluster', '--name', name]);
  return 'deleted';
}
