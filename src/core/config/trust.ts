// The trust boundary between the layers the user wrote and the ones a registry served.
// Local layers (the project file, $SEW_HOME/sew.yaml, files under a local registry root the
// user named, options, inputs) may read the environment, name local paths and carry
// credentials. Fetched layers (http(s), or files outside every root the user named) may
// not: whoever publishes a context must not be able to read a CI job's secrets, send them
// somewhere, or make sew-ci write, mount or cache a directory of the runner.
import { isAbsolute, relative, resolve } from 'node:path';
import { InputError } from '../errors.js';
import type { ConfigDocument } from './document.js';
import { hasVariables } from './expand.js';

/**
 * What a fetched layer may set in `kind`: the cluster's shape, as published contexts need it.
 * Not the node image (nodes run privileged), containerd or kubeadm patches (how nodes find
 * registries, what they trust), nor anything else kind may add later.
 */
const FETCHED_KIND_KEYS = new Set(['name', 'nodes', 'networking', 'featureGates', 'runtimeConfig']);
const FETCHED_NODE_KEYS = new Set(['role', 'labels', 'extraPortMappings', 'extraMounts']);

/** Variables any layer's `env` may read: they name the user, not a secret. */
const ALWAYS_ALLOWED_ENV = ['HOME', 'USER'] as const;

/** The template `env` function a layer is given; its errors are placed at file:line by the template engine. */
export function envReader(env: NodeJS.ProcessEnv, trusted: boolean, allowed: readonly string[]): (name: string) => string {
  if (trusted) return (name) => env[name] ?? '';
  const names = new Set<string>([...ALWAYS_ALLOWED_ENV, ...allowed]);
  return (name) => {
    if (!names.has(name)) {
      throw new Error(`a fetched context may read only ${[...names].join(', ')}, not ${name}; allow it with --allow-env ${name} (input allow-env)`);
    }
    return env[name] ?? '';
  };
}

/** Whether `path` is `home` or inside it (lexically, after resolving `..`). */
export function inside(home: string, path: string): boolean {
  const rel = relative(resolve(home), resolve(path));
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Refuses what a fetched layer may not do. `localPath` resolves a path as the merge will,
 * so the check is on the directory sew-ci would really use.
 */
export function checkFetchedLayer(doc: ConfigDocument, sewHome: string, localPath: (path: string) => string): void {
  const refuse = (path: (string | number)[], what: string, at?: 'key') => {
    throw new InputError(doc.where(path, at), `a fetched context ${what}`);
  };
  const images = doc.value.images;
  for (const [host, access] of Object.entries(images?.registries ?? {})) {
    if (access.username !== undefined || access.password !== undefined) {
      refuse(['images', 'registries', host], 'cannot carry registry credentials; set them in your own sew.yaml');
    }
    if (access.url !== undefined && hasVariables(access.url)) {
      refuse(['images', 'registries', host, 'url'], 'cannot read environment variables (${...}); set the url in your own sew.yaml');
    }
  }
  const data = images?.mirrors?.data;
  if (data !== undefined && !inside(sewHome, localPath(data))) {
    refuse(['images', 'mirrors', 'data'], `may name a directory only inside $SEW_HOME (${sewHome})`);
  }
  // Where a job writes and what it trusts as its images' second source are the user's choice.
  for (const key of ['cacheRegistry', 'cacheRegistryMode'] as const) {
    if (images?.[key] !== undefined) refuse(['images', key], `cannot set images.${key}; set it in your own sew.yaml or with --cache-registry`);
  }
  if (images?.local?.external?.includes('@')) refuse(['images', 'local', 'external'], 'cannot carry registry credentials');
  const kind = doc.value.kind ?? {};
  for (const key of Object.keys(kind)) {
    if (!FETCHED_KIND_KEYS.has(key)) refuse(['kind', key], `may not set kind.${key} (only ${[...FETCHED_KIND_KEYS].join(', ')}); set it in your own sew.yaml`, 'key');
  }
  const apiServerAddress = (kind.networking as Record<string, unknown> | undefined)?.apiServerAddress;
  if (apiServerAddress !== undefined && !isLoopback(apiServerAddress)) {
    refuse(['kind', 'networking', 'apiServerAddress'], 'may put the API server only on loopback (127.0.0.1, ::1); set another address in your own sew.yaml');
  }
  for (const [n, node] of (kind.nodes ?? []).entries()) {
    for (const key of Object.keys(node)) {
      if (!FETCHED_NODE_KEYS.has(key)) refuse(['kind', 'nodes', n, key], `may not set a node's ${key} (only ${[...FETCHED_NODE_KEYS].join(', ')}); set it in your own sew.yaml`, 'key');
    }
    for (const [m, mount] of (node.extraMounts ?? []).entries()) {
      const hostPath = mount.hostPath;
      if (typeof hostPath === 'string' && !inside(sewHome, localPath(hostPath))) {
        refuse(['kind', 'nodes', n, 'extraMounts', m, 'hostPath'], `may mount a host directory only inside $SEW_HOME (${sewHome})`);
      }
    }
    for (const [m, mapping] of (node.extraPortMappings ?? []).entries()) {
      if (mapping.listenAddress !== undefined && !isLoopback(mapping.listenAddress)) {
        refuse(['kind', 'nodes', n, 'extraPortMappings', m, 'listenAddress'], 'may publish a port only on loopback (127.0.0.1, ::1); set another address in your own sew.yaml');
      }
    }
  }
}

/**
 * A fetched layer's `kind` as it applies: its port mappings without a listenAddress are
 * published on 127.0.0.1, where kind's own default is every interface.
 */
export function confinedKind(kind: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(kind.nodes)) return kind;
  const nodes = (kind.nodes as Record<string, unknown>[]).map((node) =>
    Array.isArray(node.extraPortMappings)
      ? { ...node, extraPortMappings: (node.extraPortMappings as Record<string, unknown>[]).map((p) => ({ listenAddress: LOOPBACK, ...p })) }
      : node,
  );
  return { ...kind, nodes };
}

const LOOPBACK = '127.0.0.1';

function isLoopback(address: unknown): boolean {
  return typeof address === 'string' && (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === '::1');
}
