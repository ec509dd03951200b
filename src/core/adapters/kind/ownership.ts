// A Kind cluster belongs to the $SEW_HOME that created it: that home keeps its state, and its
// nodes read containerd hosts from that home's hosts dir. Kind node containers carry only
// kind's own labels, so the mount is what tells another home's cluster from one made by hand
// (no hosts mount), which is reused as before.
import { RuntimeError } from '../../errors.js';
import type { Exec } from '../../exec/exec.js';
import { realPath } from '../../home/identity.js';
import { clusterNodes, hostsMount } from './kind-binary.js';
import { readClusterState } from './state-files.js';

/** Refuses to `act` on (reuse, delete) a cluster another home made. */
export async function assertOwnCluster(exec: Exec, sewHome: string, name: string, act: 'reused' | 'deleted', hostsDir?: string): Promise<void> {
  if (await readClusterState(sewHome, name)) return;
  for (const node of await clusterNodes(exec, name)) {
    const mounted = await hostsMount(exec, node);
    if (mounted && (hostsDir === undefined || realPath(mounted) !== realPath(hostsDir))) {
      throw new RuntimeError(`Kind cluster ${name} belongs to another sew-ci home (its nodes read containerd hosts from ${mounted}): not ${act}; choose another cluster name`);
    }
  }
}
