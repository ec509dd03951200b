// Where a cache registry keeps an image: `ghcr.io/acme/sew-cache` holds
// `upstream.test:5900/team/api` as `ghcr.io/acme/sew-cache/upstream.test_5900/team/api`, so
// images of several hosts never collide, as in the preload storage (hostNamespace).
import { hostPortProblem, isRegistryHost } from '../input/checks.js';
import { hostNamespace, ImageReferenceError, referenceAt, type ImageRef } from './reference.js';

export const CACHE_REGISTRY_MODES = ['read', 'readwrite'] as const;
export type CacheRegistryMode = (typeof CACHE_REGISTRY_MODES)[number];

export interface CacheRegistryLocation {
  /** `ghcr.io`, `127.0.0.1:5000`: what credentials and `images.registries` are keyed by. */
  readonly host: string;
  /** The repository prefix under the host, possibly empty: `acme/sew-cache`. */
  readonly path: string;
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/** `host[:port][/path]`; the host must be spelled out (a dot, a port or localhost), as no Docker Hub default applies. */
export function parseCacheRegistry(text: string): CacheRegistryLocation {
  const value = text.trim().replace(/\/+$/, '');
  if (/^[a-z]+:\/\//i.test(value)) throw new ImageReferenceError(`"${value}" must be host[:port][/path], without a scheme (the scheme comes from images.registries.<host>.url)`);
  const [host = '', ...path] = value.split('/');
  if (!isRegistryHost(host) || !(/[.:]/.test(host) || host === 'localhost')) {
    throw new ImageReferenceError(`"${value}" must start with a registry host such as ghcr.io or localhost:5000`);
  }
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new ImageReferenceError(`"${value}": ${portProblem}`);
  const bad = path.find((component) => !PATH_COMPONENT.test(component));
  if (bad !== undefined) throw new ImageReferenceError(`"${value}": bad path component "${bad}" (lowercase a-z, 0-9, . _ -)`);
  return { host: host.toLowerCase(), path: path.join('/') };
}

/** The location, or an InputError naming where it was written. */
export function parseCacheRegistryAt(text: string, where: string): CacheRegistryLocation {
  return referenceAt(where, () => parseCacheRegistry(text));
}

/** The repository of `ref` in the cache registry: `<path>/<host namespace>/<repository>`. */
export function cacheRepository(location: CacheRegistryLocation, ref: Pick<ImageRef, 'host' | 'repository'>): string {
  return [location.path, hostNamespace(ref.host), ref.repository].filter((part) => part !== '').join('/');
}
