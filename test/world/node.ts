// A containerd "node": what a Kind node does with /etc/containerd/certs.d, without Kind.
import { docker, NODE_IMAGE, removeContainers, waitFor } from './docker.js';

export interface Node {
  readonly name: string;
  /** Pulls through the hosts dir and returns the digest the ref resolved to. */
  pull(ref: string, options?: { platform?: string }): Promise<string>;
  clearImages(): Promise<void>;
  remove(): Promise<void>;
}

export async function startNode(options: { name: string; hostsDir: string; readOnly?: boolean }): Promise<Node> {
  const { name } = options;
  await removeContainers(name);
  await docker(
    'run', '-d', '--name', name, '--network', 'kind',
    '--cap-add', 'SYS_ADMIN', '--security-opt', 'seccomp=unconfined', '--security-opt', 'apparmor=unconfined',
    '--mount', `type=bind,source=${options.hostsDir},target=/etc/containerd/certs.d${options.readOnly === false ? '' : ',readonly'}`, NODE_IMAGE,
  );
  await waitFor(async () => (await docker('exec', name, '/bin/ctr', 'version')).includes('Server'), `${name} containerd`);
  const ctr = (...args: string[]) => docker('exec', name, '/bin/ctr', '-n', 'k8s.io', ...args);
  return {
    name,
    async pull(ref, pullOptions = {}) {
      await ctr('images', 'pull', '--snapshotter', 'native', '--hosts-dir', '/etc/containerd/certs.d',
        ...(pullOptions.platform ? ['--platform', pullOptions.platform] : []), ref);
      const listing = await ctr('images', 'ls');
      const row = listing.split('\n').find((line) => line.split(/\s+/)[0] === ref);
      const digest = row?.match(/sha256:[a-f0-9]{64}/)?.[0];
      if (!digest) throw new Error(`${ref} pulled but not listed in ${name}`);
      return digest;
    },
    async clearImages() {
      const names = (await ctr('images', 'ls', '-q')).split('\n').filter(Boolean);
      if (names.length) await ctr('images', 'rm', '--sync', ...names);
      // Content still referenced by nothing is garbage-collected by the sync removal above;
      // leases or leftovers are dropped explicitly so a later pull must fetch again.
      const blobs = (await ctr('content', 'ls', '-q')).split('\n').filter(Boolean);
      if (blobs.length) await ctr('content', 'rm', ...blobs);
    },
    remove: () => removeContainers(name),
  };
}
