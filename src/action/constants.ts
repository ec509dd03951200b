// Every output and state name of the action, in one place (inputs are core/options' options).
export const Outputs = {
  cacheHit: 'cache-hit',
  cacheKey: 'cache-key',
  clusterName: 'cluster-name',
  kubeconfig: 'kubeconfig',
  preloadRegistry: 'preload-registry',
  images: 'images',
  localRegistry: 'local-registry',
  verified: 'verified',
  fetched: 'fetched',
} as const;

/** What post needs from main. Never anything secret: state is stored in plain text. */
export const State = {
  post: 'sew-post',
} as const;

/** The cache entries the summary names, one row each. */
export const CacheEntries = {
  registryData: 'registry data',
} as const;
