// A registry container (preload or mirror), idempotently: a running one with the same
// settings is left alone; a stopped or differently configured one is replaced. The data
// directory is a bind mount, so it survives every replacement.
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type Docker from 'dockerode';
import { RuntimeError } from '../errors.js';
import { REGISTRY_PORT } from '../home/names.js';
import { dockerReason, isNotFound } from './docker.js';

export const MANAGED_LABEL = 'sew-ci.managed';
export const ROLE_LABEL = 'sew-ci.role';
/** The id of the $SEW_HOME that owns the container: post and `down` touch only their own. */
export const HOME_LABEL = 'sew-ci.home';
const SPEC_LABEL = 'sew-ci.spec';

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

/** The fixed host port is held by something else. */
export class PortTakenError extends RuntimeError {}

export interface RunningRegistry {
  readonly name: string;
  /** How this host reaches it: http://127.0.0.1:<port>. */
  readonly url: string;
  readonly hostPort: number;
  /** How nodes on the network reach it. */
  readonly networkUrl: string;
  readonly action: 'kept' | 'created' | 'replaced';
}

export async function ensureRegistry(docker: Docker, spec: RegistrySpec): Promise<RunningRegistry> {
  const fingerprint = specFingerprint(spec);
  const container = docker.getContainer(spec.name);
  let existing: Docker.ContainerInspectInfo | undefined;
  try {
    existing = await container.inspect();
  } catch (err) {
    if (!isNotFound(err)) throw new RuntimeError(`cannot inspect container ${spec.name}: ${dockerReason(err)}`);
  }
  if (existing?.State.Running && existing.Config.Labels?.[SPEC_LABEL] === fingerprint) {
    const hostPort = publishedPort(existing, address(spec));
    if (hostPort !== undefined) return running(spec, hostPort, 'kept');
  }
  if (existing) await removeContainer(docker, spec.name);

  await mkdir(spec.dataDir, { recursive: true });
  const created = await docker
    .createContainer({
      name: spec.name,
      Image: spec.image,
      Env: Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`),
      Labels: { [MANAGED_LABEL]: 'true', [ROLE_LABEL]: spec.role, [HOME_LABEL]: spec.home, [SPEC_LABEL]: fingerprint },
      ExposedPorts: { [`${REGISTRY_PORT}/tcp`]: {} },
      HostConfig: {
        // A mount, not a bind string: data dirs are named after hosts, and `host:port` has a colon.
        Mounts: [{ Type: 'bind', Source: spec.dataDir, Target: '/var/lib/registry' }],
        PortBindings: { [`${REGISTRY_PORT}/tcp`]: [{ HostIp: address(spec), HostPort: spec.hostPort ? String(spec.hostPort) : '' }] },
        RestartPolicy: { Name: 'unless-stopped' },
        NetworkMode: spec.network,
      },
      NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: [spec.name] } } },
    })
    .catch((err: unknown) => {
      throw new RuntimeError(`cannot create container ${spec.name}: ${dockerReason(err)}`);
    });
  try {
    await created.start();
  } catch (err) {
    await removeContainer(docker, spec.name).catch(() => undefined);
    throw await startFailure(docker, spec, err);
  }
  const hostPort = publishedPort(await created.inspect(), address(spec));
  if (hostPort === undefined) {
    const crashed = await crashReason(docker, spec.name);
    throw new RuntimeError(crashed ? `registry ${spec.name} exits at start: ${crashed}` : `container ${spec.name} started without a published port`);
  }
  return running(spec, hostPort, existing ? 'replaced' : 'created');
}

/**
 * Waits until the registry answers /v2/ (200, or 401 when it wants credentials). With a
 * container, gives up at once when it exits or restarts, quoting its last log line.
 */
export async function waitForRegistry(url: string, timeoutMs = 30_000, container?: { docker: Docker; name: string }): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const crashed = container && (await crashReason(container.docker, container.name));
    if (crashed) throw new RuntimeError(`registry ${container.name} exits at start: ${crashed}`);
    // A ref'd timer: an unref'd one (AbortSignal.timeout) lets Node exit mid-wait when a
    // half-open connection is all that is left on the event loop.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 2_000);
    try {
      const response = await fetch(`${url}/v2/`, { signal: controller.signal });
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return;
      last = `HTTP ${response.status}`;
    } catch (err) {
      last = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    } finally {
      clearTimeout(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new RuntimeError(`registry at ${url} did not become ready within ${timeoutMs / 1000} s (${last})`);
}

export async function removeContainer(docker: Docker, name: string): Promise<boolean> {
  try {
    await docker.getContainer(name).remove({ force: true, v: false });
    return true;
  } catch (err) {
    if (isNotFound(err)) return false;
    throw new RuntimeError(`cannot remove container ${name}: ${dockerReason(err)}`);
  }
}

function address(spec: RegistrySpec): string {
  return spec.publish?.address ?? '127.0.0.1';
}

function running(spec: RegistrySpec, hostPort: number, action: RunningRegistry['action']): RunningRegistry {
  const host = spec.publish?.host ?? '127.0.0.1';
  return { name: spec.name, url: `http://${host}:${hostPort}`, hostPort, networkUrl: `http://${spec.name}:${REGISTRY_PORT}`, action };
}

function publishedPort(info: Docker.ContainerInspectInfo, hostIp: string): number | undefined {
  const binding = info.NetworkSettings.Ports?.[`${REGISTRY_PORT}/tcp`]?.find((b) => b.HostIp === hostIp || b.HostIp === '');
  return binding ? Number(binding.HostPort) : undefined;
}

function specFingerprint(spec: RegistrySpec): string {
  const env = Object.entries(spec.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify({ image: spec.image, dataDir: spec.dataDir, network: spec.network, port: spec.hostPort ?? null, env, role: spec.role, home: spec.home, address: address(spec) });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

async function startFailure(docker: Docker, spec: RegistrySpec, err: unknown): Promise<RuntimeError> {
  const reason = dockerReason(err);
  if (spec.hostPort !== undefined && /port is already allocated|address already in use/i.test(reason)) {
    const holder = await containerPublishing(docker, spec.hostPort);
    const by = holder ? ` by container ${holder}` : ' by another process';
    return new PortTakenError(`port ${address(spec)}:${spec.hostPort} for ${spec.name} is already taken${by}`);
  }
  return new RuntimeError(`cannot start container ${spec.name}: ${reason}`);
}

async function containerPublishing(docker: Docker, port: number): Promise<string | undefined> {
  const containers = await docker.listContainers().catch(() => []);
  const holder = containers.find((c) => c.Ports.some((p) => p.PublicPort === port));
  return holder?.Names[0]?.replace(/^\//, '');
}

async function crashReason(docker: Docker, name: string): Promise<string | undefined> {
  const info = await docker.getContainer(name).inspect().catch(() => undefined);
  if (!info || (info.State.Running && !info.State.Restarting && info.RestartCount === 0)) return undefined;
  const logs = (await docker.getContainer(name).logs({ stdout: true, stderr: true, tail: 20, follow: false }).catch(() => Buffer.alloc(0))) as Buffer;
  const lines = demux(logs).split('\n').map((l) => l.trim()).filter(Boolean);
  const cause = lines.find((l) => l.startsWith('panic:')) ?? lines.at(-1);
  return cause ?? `state ${info.State.Status}`;
}

/** Docker's multiplexed log stream (8-byte frame headers) as plain text. */
function demux(buffer: Buffer): string {
  let out = '';
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString('utf8');
    offset += 8 + size;
  }
  return out;
}
