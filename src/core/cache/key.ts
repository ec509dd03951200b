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
