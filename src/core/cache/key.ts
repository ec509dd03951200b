// The cache key names what was resolved, not the files it came from: the same images in
// another order or spelling give the same key; one more image gives another.
import { createHash } from 'node:crypto';

/** Bump when the layout of cached data changes, so old caches are not restored. */
const CACHE_FORMAT = 1;
const CACHE_KEY_PREFIX = `sew-v${CACHE_FORMAT}-`;

export interface CacheKeyInput {
  readonly refs: readonly string[];
  readonly upstreams: readonly string[];
  readonly registryImage: string;
  readonly platforms: readonly string[] | 'all';
}

export function cacheKey(input: CacheKeyInput): string {
  const canonical = JSON.stringify({
    format: CACHE_FORMAT,
    refs: [...new Set(input.refs)].sort(),
    upstreams: [...new Set(input.upstreams)].sort(),
    registryImage: input.registryImage,
    platforms: input.platforms === 'all' ? 'all' : [...input.platforms].sort(),
  });
  return `${CACHE_KEY_PREFIX}${createHash('sha256').update(canonical).digest('hex').slice(0, 20)}`;
}

/**
 * The node image's own cache entry: its content is fixed by the digest, so the key names it
 * and the platform stored, and is never saved twice. Every plan of a repository shares it.
 */
export function nodeImageCacheKey(digest: string, platform: string): string {
  return `sew-node-v${CACHE_FORMAT}-${createHash('sha256').update(`${digest}\n${platform}`).digest('hex').slice(0, 20)}`;
}

/**
 * A cache entry kept apart from the registry data (an actions/cache entry is one archive):
 * restored by its exact key only, saved once, when what it names is whole.
 */
export type SeparateCache =
  | {
      readonly name: 'node-image';
      readonly key: string;
      readonly paths: readonly string[];
      /** The image stored under `paths[0]`: a partial copy is never saved under a key naming it whole. */
      readonly image: { readonly ref: string; readonly platform: string };
    }
  | {
      readonly name: 'tool';
      readonly key: string;
      readonly paths: readonly string[];
      /** The binary kept under `paths[0]`, saved only while its sha256 is the one it was checked against. */
      readonly tool: { readonly binary: string };
    };
