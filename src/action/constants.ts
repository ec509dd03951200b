// Every input, output and state name of the action, in one place.
export const Inputs = {
  config: 'config',
  from: 'from',
  registry: 'registry',
  flags: 'flags',
  set: 'set',
  allowEnv: 'allow-env',
  skipPreload: 'skip-preload',
  cluster: 'cluster',
  clusterName: 'cluster-name',
  nodeImage: 'node-image',
  kindVersion: 'kind-version',
  wait: 'wait',
  sewHome: 'sew-home',
  registryImage: 'registry-image',
  cache: 'cache',
  cacheKeyPrefix: 'cache-key-prefix',
  preload: 'preload',
  mirrors: 'mirrors',
  local: 'local',
  localCache: 'local-cache',
  verify: 'verify',
} as const;

export const Outputs = {
  cacheHit: 'cache-hit',
  cacheKey: 'cache-key',
  clusterName: 'cluster-name',
  kubeconfig: 'kubeconfig',
  preloadRegistry: 'preload-registry',
  images: 'images',
  localRegistry: 'local-registry',
  verified: 'verified',
} as const;

/** What post needs from main. Never anything secret: state is stored in plain text. */
export const State = {
  cache: 'sew-cache',
} as const;
