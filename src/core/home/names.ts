// Container names and host ports, injective in both the upstream host and the home: two
// upstreams, or two homes, never share a container. A name is sew's own where that is
// lossless; otherwise it gets a short hash after `--`, which sanitised names never contain.
import { createHash } from 'node:crypto';
import type { HomeIdentity } from './identity.js';

/** The port registry:2 listens on inside its container: what nodes reach over the Kind network. */
export const REGISTRY_PORT = 5000;
/** The Docker network Kind puts its nodes on; our registries join it so nodes reach them by name. */
export const KIND_NETWORK = 'kind';
const DEFAULT_LOCAL_PORT = 5050;

/**
 * Where published ports bind and where this process reaches them: 127.0.0.1 both, unless the
 * engine is elsewhere (GitLab's docker:dind service), where SEW_PUBLISH_ADDRESS=0.0.0.0 and
 * SEW_REGISTRY_HOST=docker say so explicitly.
 */
export interface Publishing {
  readonly address: string;
  readonly host: string;
}

export function publishing(env: NodeJS.ProcessEnv): Publishing {
  return { address: env.SEW_PUBLISH_ADDRESS || '127.0.0.1', host: env.SEW_REGISTRY_HOST || '127.0.0.1' };
}
/** Where a non-default home's local registry port is picked from, by its id. */
const LOCAL_PORT_BASE = 20_000;
const LOCAL_PORT_SPAN = 10_000;

export function preloadContainerName(home: HomeIdentity): string {
  return `sew-preload${homeSuffix(home)}`;
}

export function localContainerName(home: HomeIdentity): string {
  return `sew-local${homeSuffix(home)}`;
}

/** `sew-mirror-docker-io`, `sew-mirror-upstream-test-5900`, `sew-mirror-registry-k8s-io--<hash>`. */
export function mirrorContainerName(host: string, home: HomeIdentity): string {
  const sanitised = host.replace(/[^a-z0-9-]/g, '-');
  return `sew-mirror-${losslessly(host) ? sanitised : `${sanitised}--${shortHash(host)}`}${homeSuffix(home)}`;
}

/** The default home's 5050; another home's port follows from its id, so two homes never ask for the same one. */
export function localRegistryPort(home: HomeIdentity): number {
  return home.isDefault ? DEFAULT_LOCAL_PORT : LOCAL_PORT_BASE + (Number.parseInt(home.id.slice(0, 8), 16) % LOCAL_PORT_SPAN);
}

function homeSuffix(home: HomeIdentity): string {
  return home.isDefault ? '' : `--h${home.id}`;
}

/**
 * Whether `.`/`:` -> `-` can be undone: no `-` of its own, and a last label that is not all
 * digits, so a trailing all-digit part can only be the port.
 */
function losslessly(host: string): boolean {
  const match = /^([a-z0-9]+(?:\.[a-z0-9]+)*)(?::[0-9]+)?$/.exec(host);
  return match !== null && !/^[0-9]+$/.test(match[1]!.split('.').at(-1)!);
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
