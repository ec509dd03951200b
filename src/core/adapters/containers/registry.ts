// A registry container (preload or mirror), idempotently: a running one with the same
// settings is left alone; a stopped or differently configured one is replaced. The data
// directory is a bind mount, so it survives every replacement.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { RuntimeError } from '../../errors.js';
import { REGISTRY_PORT, type Publishing } from '../../home/names.js';
import { discard, send } from '../../oci/http.js';
import { EngineError, type ContainerEngine, type ContainerState } from '../../ports/container-engine.js';
import type { StartedRegistry } from '../../ports/registries.js';
import { ensureImage } from './image.js';

export const MANAGED_LABEL = 'sew-ci.managed';
const ROLE_LABEL = 'sew-ci.role';
/** The id of the $SEW_HOME that owns the container: post and `down` touch only their own. */
export const HOME_LABEL = 'sew-ci.home';
const SPEC_LABEL = 'sew-ci.spec';
/** Where the registry keeps its storage inside the container: the data dir is mounted there. */
export const REGISTRY_STORAGE = '/var/lib/registry';

export interface RegistrySpec {
  readonly name: string;
  readonly role: 'preload' | 'mirror' | 'local';
  /** The owning home's id (HOME_LABEL). */
  readonly home: string;
  readonly image: string;
  readonly dataDir: string;
  readonly network: string;
  /** Fixed port on 127.0.0.1; without one Docker picks a free port. */
  readonly hostPort?: number;
  /** Container environment: where a proxy's credentials go, never into a file. */
  readonly env?: Readonly<Record<string, string>>;
  readonly publish?: Publishing;
}

export interface RunningRegistry extends StartedRegistry {
  /** How nodes on the network reach it. */
  readonly networkUrl: string;
}

export interface EnsureOptions {
  /** Told before the registry image is pulled. */
  readonly onPull?: (image: string) => void;
}

/**
 * One inspect decides a warm run: a running container with the same spec is kept as it is.
 * Only a container to create has its network and image checked first.
 */
export async function ensureRegistry(engine: ContainerEngine, spec: RegistrySpec, options: EnsureOptions = {}): Promise<RunningRegistry> {
  const fingerprint = specFingerprint(spec);
  const existing = await engine.inspect(spec.name);
  if (existing?.running && !existing.restarting && existing.labels[SPEC_LABEL] === fingerprint) {
    const hostPort = publishedPort(existing, address(spec));
    if (hostPort !== undefined) return running(spec, hostPort, 'kept');
  }
  await engine.ensureNetwork(spec.network, { [MANAGED_LABEL]: 'true' });
  await ensureImage(engine, spec.image, options.onPull);
  if (existing) await engine.remove(spec.name);

  await mkdir(spec.dataDir, { recursive: true });
  let started: ContainerState;
  try {
    started = await engine.run({
      name: spec.name,
      image: spec.image,
      env: spec.env ?? {},
      labels: { [MANAGED_LABEL]: 'true', [ROLE_LABEL]: spec.role, [HOME_LABEL]: spec.home, [SPEC_LABEL]: fingerprint },
      network: spec.network,
      mounts: [{ source: spec.dataDir, target: REGISTRY_STORAGE }],
      ports: [{ containerPort: REGISTRY_PORT, hostIp: address(spec), hostPort: spec.hostPort ?? 0 }],
      restartUnlessStopped: true,
    });
  } catch (err) {
    if (err instanceof EngineError && err.failure === 'port-taken' && spec.hostPort !== undefined) throw await portTaken(engine, spec, spec.hostPort);
    throw err;
  }
  const hostPort = publishedPort(started, address(spec));
  if (hostPort === undefined) {
    const crashed = await crashReason(engine, spec.name);
    throw new RuntimeError(crashed ? `registry ${spec.name} exits at start: ${crashed}` : `container ${spec.name} started without a published port`);
  }
  return running(spec, hostPort, existing ? 'replaced' : 'created');
}

/**
 * Waits until the registry answers /v2/ (200, or 401 when it wants credentials). With a
 * container, gives up at once when it exits or restarts, quoting its last log line.
 */
export async function waitForRegistry(url: string, timeoutMs = 30_000, container?: { engine: ContainerEngine; name: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const reply = await send(new URL(`${url}/v2/`), { method: 'GET', stallMs: 2_000 });
      await discard(reply);
      if (reply.status === 200 || reply.status === 401) return;
      last = `HTTP ${reply.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    // Asked only when the registry does not answer: a running one costs no engine call.
    const crashed = container && (await crashReason(container.engine, container.name));
    if (crashed) throw new RuntimeError(`registry ${container.name} exits at start: ${crashed}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new RuntimeError(`registry at ${url} did not become ready within ${timeoutMs / 1000} s (${last})`);
}

function address(spec: RegistrySpec): string {
  return spec.publish?.address ?? '127.0.0.1';
}

function running(spec: RegistrySpec, hostPort: number, action: RunningRegistry['action']): RunningRegistry {
  const host = spec.publish?.host ?? '127.0.0.1';
  return { name: spec.name, url: `http://${host}:${hostPort}`, hostPort, networkUrl: `http://${spec.name}:${REGISTRY_PORT}`, action };
}

function publishedPort(state: ContainerState, hostIp: string): number | undefined {
  return state.ports.find((p) => p.containerPort === REGISTRY_PORT && (p.hostIp === hostIp || p.hostIp === '') && p.hostPort > 0)?.hostPort;
}

function specFingerprint(spec: RegistrySpec): string {
  const env = Object.entries(spec.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify({ image: spec.image, dataDir: spec.dataDir, network: spec.network, port: spec.hostPort ?? null, env, role: spec.role, home: spec.home, address: address(spec) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** The engine's 'port-taken' failure, saying who holds the port. */
async function portTaken(engine: ContainerEngine, spec: RegistrySpec, port: number): Promise<EngineError> {
  const containers = await engine.list({}).catch(() => []);
  const holder = containers.find((c) => c.ports.some((p) => p.hostPort === port))?.name;
  const by = holder ? ` by container ${holder}` : ' by another process';
  return new EngineError(`port ${address(spec)}:${port} for ${spec.name} is already taken${by}`, 'port-taken');
}

async function crashReason(engine: ContainerEngine, name: string): Promise<string | undefined> {
  const state = await engine.inspect(name).catch(() => undefined);
  if (!state || (state.running && !state.restarting && state.restartCount === 0)) return undefined;
  const lines = await engine.logs(name, 20).catch(() => []);
  return lines.find((l) => l.startsWith('panic:')) ?? lines.at(-1) ?? `state ${state.status}`;
}
