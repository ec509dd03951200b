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
  const refuse = (path: (string | number)[], what: string) => {
    throw new InputError(doc.where(path), `a fetched context ${what}`);
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
  for (const [n, node] of (doc.value.kind?.nodes ?? []).entries()) {
    for (const [m, mount] of (node.extraMounts ?? []).entries()) {
      const hostPath = mount.hostPath;
      if (typeof hostPath === 'string' && !inside(sewHome, localPath(hostPath))) {
        refuse(['kind', 'nodes', n, 'extraMounts', m, 'hostPath'], `may mount a host directory only inside $SEW_HOME (${sewHome})`);
      }
    }
  }
}
