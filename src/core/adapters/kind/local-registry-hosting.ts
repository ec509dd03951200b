// KEP-1755: tells tools in the cluster where the local registry is, as a ConfigMap applied
// with kubectl. A courtesy: a failure to apply it is returned for a warning.
import { stringify } from 'yaml';
import type { Exec } from '../../exec/exec.js';
import type { ClusterReport } from '../../ports/cluster.js';

export async function announceLocalRegistry(exec: Exec, cluster: ClusterReport, host: string): Promise<{ problem?: string }> {
  const args = ['--kubeconfig', cluster.kubeconfig, '--context', `kind-${cluster.name}`, 'apply', '-f', '-'];
  const result = await exec.run('kubectl', args, { input: registryHostingConfigMap(host) }).catch((err: Error) => ({ code: 1, stdout: '', stderr: err.message }));
  return result.code === 0 ? {} : { problem: result.stderr.trim().split('\n').at(-1) ?? `exit code ${result.code}` };
}

function registryHostingConfigMap(host: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'local-registry-hosting', namespace: 'kube-public' },
    data: { 'localRegistryHosting.v1': stringify({ host, help: 'https://github.com/sew/setup#a-local-registry' }) },
  });
}
