// Kind, through the exec port: create a cluster from the plan's config, or reuse one that
// exists and hand its nodes the current hosts.toml files.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { RuntimeError } from '../../errors.js';
import { CommandNotFoundError, type Exec, type ExecOptions } from '../../exec/exec.js';
import { writeFileAtomic } from '../../fs/atomic.js';
import { CERTS_DIR, type KindConfig } from '../../kind/config.js';

export interface KindOptions {
  readonly image?: string;
  /** Passed to `kind --wait`, e.g. `60s`, `5m`. */
  readonly wait: string;
  readonly kubeconfig?: string;
  readonly onOutput?: (chunk: string) => void;
}

export function kindCreateArgs(name: string, configPath: string, options: KindOptions): string[] {
  return [
    'create',
    'cluster',
    '--name',
    name,
    '--config',
    configPath,
    ...(options.image ? ['--image', options.image] : []),
    '--wait',
    options.wait,
    ...(options.kubeconfig ? ['--kubeconfig', options.kubeconfig] : []),
  ];
}

/** kind is not on the PATH: `down` takes that as "no cluster to delete". */
export class KindNotInstalledError extends RuntimeError {}

export async function kind(exec: Exec, args: readonly string[], options: ExecOptions = {}): Promise<string> {
  let result;
  try {
    result = await exec.run('kind', args, options);
  } catch (err) {
    if (err instanceof CommandNotFoundError) {
      throw new KindNotInstalledError('kind is not installed: see https://kind.sigs.k8s.io/docs/user/quick-start/#installation (the action installs it with kind-version; --no-cluster stops before Kind)');
    }
    throw err;
  }
  if (result.code !== 0) {
    const detail = lastLine(result.stderr) ?? lastLine(result.stdout) ?? `exit code ${result.code}`;
    throw new RuntimeError(`kind ${args.slice(0, 2).join(' ')} failed: ${detail}`);
  }
  return result.stdout;
}

export async function clusterExists(exec: Exec, name: string): Promise<boolean> {
  const out = await kind(exec, ['get', 'clusters']);
  return out.split('\n').map((l) => l.trim()).includes(name);
}

export async function clusterNodes(exec: Exec, name: string): Promise<string[]> {
  const out = await kind(exec, ['get', 'nodes', '--name', name]);
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

/** Writes the generated config to `configPath` and creates the cluster. */
export async function createCluster(exec: Exec, config: KindConfig, configPath: string, options: KindOptions): Promise<void> {
  await writeFileAtomic(configPath, stringify(config));
  await kind(exec, kindCreateArgs(config.name, configPath, options), options.onOutput ? { onOutput: options.onOutput } : {});
}

/**
 * Nodes of a reused cluster read the mounted hosts dir directly. A node created before the
 * mount existed gets the files copied in through `docker exec`; kind's containerd reads
 * certs.d on every pull, so no restart is needed.
 */
export async function syncHostsIntoNodes(exec: Exec, nodes: readonly string[], hostsDir: string): Promise<string[]> {
  const copied: string[] = [];
  const files = await hostFiles(hostsDir);
  for (const node of nodes) {
    if ((await hostsMount(exec, node)) === hostsDir) continue;
    for (const [host, content] of files) {
      const target = `${CERTS_DIR}/${host}`;
      const result = await exec.run('docker', ['exec', '-i', node, 'sh', '-c', `mkdir -p '${target}' && cat > '${target}/.hosts.toml.tmp' && mv '${target}/.hosts.toml.tmp' '${target}/hosts.toml'`], {
        input: content,
      });
      if (result.code !== 0) throw new RuntimeError(`cannot write hosts.toml for ${host} into node ${node}: ${lastLine(result.stderr) ?? 'docker exec failed'}`);
    }
    copied.push(node);
  }
  return copied;
}

/** The host directory a node reads containerd hosts from; empty when none is mounted. */
export async function hostsMount(exec: Exec, node: string): Promise<string> {
  const mounted = await exec.run('docker', ['inspect', '--format', `{{range .Mounts}}{{if eq .Destination "${CERTS_DIR}"}}{{.Source}}{{end}}{{end}}`, node]);
  if (mounted.code !== 0) throw new RuntimeError(`cannot inspect node ${node}: ${lastLine(mounted.stderr) ?? 'docker inspect failed'}`);
  return mounted.stdout.trim();
}

async function hostFiles(hostsDir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const host of await readdir(hostsDir).catch(() => [] as string[])) {
    const content = await readFile(join(hostsDir, host, 'hosts.toml'), 'utf8').catch(() => undefined);
    if (content !== undefined) files.set(host, content);
  }
  return files;
}

function lastLine(text: string): string | undefined {
  return text.trim().split('\n').filter(Boolean).at(-1)?.replace(/^ERROR: /, '');
}
