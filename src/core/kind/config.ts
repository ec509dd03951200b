// The Kind cluster config a run passes to `kind create cluster`: the user's cluster, plus,
// when preload or mirrors are on, the hosts directory mounted into every node and
// containerd told to read it.
export const CERTS_DIR = '/etc/containerd/certs.d';
export const CONFIG_PATH_PATCH = `[plugins."io.containerd.grpc.v1.cri".registry]\n  config_path = "${CERTS_DIR}"\n`;

export type KindConfig = Record<string, unknown> & {
  kind: 'Cluster';
  apiVersion: string;
  name: string;
  nodes: Record<string, unknown>[];
};

export function kindConfig(user: Record<string, unknown>, name: string, hostsDir: string | undefined): KindConfig {
  const nodes = Array.isArray(user.nodes) && user.nodes.length > 0 ? (user.nodes as Record<string, unknown>[]) : [{ role: 'control-plane' }];
  const config: KindConfig = {
    ...user,
    kind: 'Cluster',
    apiVersion: typeof user.apiVersion === 'string' ? user.apiVersion : 'kind.x-k8s.io/v1alpha4',
    name,
    nodes: nodes.map((node) => ({ ...node })),
  };
  if (hostsDir === undefined) return config;

  config.nodes = config.nodes.map((node) => {
    const mounts = Array.isArray(node.extraMounts) ? (node.extraMounts as Record<string, unknown>[]) : [];
    const others = mounts.filter((m) => m.containerPath !== CERTS_DIR);
    return { ...node, extraMounts: [...others, { hostPath: hostsDir, containerPath: CERTS_DIR, readOnly: true }] };
  });
  const patches = Array.isArray(user.containerdConfigPatches) ? (user.containerdConfigPatches as string[]) : [];
  // Last, whatever the layers patch: containerd keeps the last value, and without this one the
  // nodes ignore the hosts files.
  config.containerdConfigPatches = [...patches, CONFIG_PATH_PATCH];
  return config;
}
