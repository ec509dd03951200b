// The ContainerEngine over the Docker Engine API. dockerode (with docker-modem and its ssh2)
// is loaded on the first call that needs it: a warm `up` asks only `_ping` and one container
// inspect, which go over a plain HTTP GET on the engine's unix socket (engine-http.ts).
import { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { EngineError, type ContainerEngine, type ContainerSpec, type ContainerState, type ContainerSummary, type PublishedPort } from '../ports/container-engine.js';
import { dockerEndpoint, engineGet, socketPathOf } from './engine-http.js';

/** The engine DOCKER_HOST names (unix:// or tcp://, TLS per DOCKER_TLS_VERIFY), after one `_ping` says it answers. */
export async function connectEngine(env: NodeJS.ProcessEnv): Promise<ContainerEngine> {
  const engine = dockerEngine(env);
  await engine.ping();
  return engine;
}

export function dockerEngine(env: NodeJS.ProcessEnv): ContainerEngine & { ping(): Promise<void> } {
  const endpoint = dockerEndpoint(env);
  const socketPath = socketPathOf(env);
  let client: Promise<Docker> | undefined;
  const docker = () => (client ??= import('dockerode').then(({ default: Dockerode }) => new Dockerode(socketPath === undefined ? undefined : { socketPath })));
  /** Runs one call; an engine out of reach says so, anything else is `what` failed and why. */
  const call = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof EngineError) throw err;
      if (isUnreachable(err)) throw new EngineError(`cannot reach the Docker daemon at ${endpoint}: ${dockerReason(err)}`, 'unreachable');
      throw new EngineError(`${what}: ${dockerReason(err)}`, (err as { statusCode?: number }).statusCode === 409 ? 'conflict' : 'other');
    }
  };
  /** 404 as undefined. */
  const unlessMissing = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await work();
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  };
  const inspectContainer = (name: string) =>
    call(`cannot inspect container ${name}`, async () => {
      if (socketPath === undefined) return unlessMissing(async () => containerState(await (await docker()).getContainer(name).inspect()));
      const answer = await engineGet(socketPath, `/containers/${encodeURIComponent(name)}/json`);
      return answer === undefined ? undefined : containerState(answer as InspectJson);
    });

  return {
    endpoint,
    async ping() {
      await call('cannot ping the Docker daemon', async () => {
        if (socketPath === undefined) await (await docker()).ping();
        else await engineGet(socketPath, '/_ping', 'text');
      });
    },
    inspect: inspectContainer,
    async run(spec) {
      const engine = await docker();
      const created = await call(`cannot create container ${spec.name}`, () => engine.createContainer(createOptions(spec)));
      try {
        await created.start();
      } catch (err) {
        await created.remove({ force: true, v: false }).catch(() => undefined);
        const reason = dockerReason(err);
        const portTaken = /port is already allocated|address already in use/i.test(reason);
        throw new EngineError(`cannot start container ${spec.name}: ${reason}`, portTaken ? 'port-taken' : 'other');
      }
      return call(`cannot inspect container ${spec.name}`, async () => containerState(await created.inspect()));
    },
    async remove(name) {
      const removed = await call(`cannot remove container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).remove({ force: true, v: false })));
      return removed !== undefined;
    },
    async stop(name) {
      await call(`cannot stop container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).stop({ t: 10 })));
    },
    async list(labels, options = {}) {
      const filters = { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
      const found = await call('cannot list containers', async () => (await docker()).listContainers({ all: options.all ?? false, filters }));
      return found.map(containerSummary);
    },
    async logs(name, tail) {
      const raw = await call(`cannot read the logs of ${name}`, async () => (await docker()).getContainer(name).logs({ stdout: true, stderr: true, tail, follow: false }));
      return demux(raw as unknown as Buffer).split('\n').map((l) => l.trim()).filter(Boolean);
    },
    async ensureNetwork(name, labels) {
      const engine = await docker();
      const found = await call(`cannot inspect Docker network ${name}`, () => unlessMissing(() => engine.getNetwork(name).inspect()));
      if (found !== undefined) return;
      await call(`cannot create Docker network ${name}`, async () => {
        try {
          await engine.createNetwork({ Name: name, Driver: 'bridge', CheckDuplicate: true, Labels: { ...labels } });
        } catch (err) {
          // Another process (a parallel run, kind itself) may have created it meanwhile.
          if ((err as { statusCode?: number }).statusCode !== 409) throw err;
        }
      });
    },
    async hasImage(ref) {
      return (await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect()))) !== undefined;
    },
    async pullImage(ref) {
      const engine = await docker();
      await call(`image ${ref} is not present locally and cannot be pulled`, async () => {
        const stream = await engine.pull(ref);
        await new Promise<void>((resolve, reject) => engine.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
      });
    },
    async imageId(ref) {
      return (await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect())))?.Id;
    },
    async loadImage(archive) {
      const engine = await docker();
      await call('cannot load an image into Docker', async () => {
        const response = await engine.loadImage(Readable.from(archive), { quiet: true });
        const output = await new Promise<{ error?: string; errorDetail?: { message?: string } }[]>((resolve, reject) =>
          engine.modem.followProgress(response, (err, lines) => (err ? reject(err) : resolve(lines))),
        );
        // A failed load still answers 200: the failure is a line of the progress stream.
        const failure = output.find((line) => line.error !== undefined);
        if (failure) throw new Error(failure.errorDetail?.message ?? failure.error);
      });
    },
    async saveImage(ref) {
      const stream = await call(`cannot save image ${ref}`, async () => (await docker()).getImage(ref).get());
      return Readable.toWeb(Readable.from(stream, { objectMode: false })) as ReadableStream<Uint8Array>;
    },
  };
}

export function dockerReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED') return 'is it running?';
  if (code === 'EACCES') return 'permission denied (is this user in the docker group?)';
  const status = (err as { statusCode?: number }).statusCode;
  const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message ?? String(err);
  return status ? `${message} (HTTP ${status})` : message;
}

function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number }).statusCode === 404;
}

function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  return code === 'ENOENT' || code === 'ECONNREFUSED' || code === 'EACCES' || code === 'EHOSTUNREACH' || code === 'ETIMEDOUT';
}

function createOptions(spec: ContainerSpec): Docker.ContainerCreateOptions {
  const exposed = [...new Set(spec.ports.map((p) => `${p.containerPort}/tcp`))];
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: { ...spec.labels },
    ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])),
    HostConfig: {
      // A mount, not a bind string: data dirs are named after hosts, and `host:port` has a colon.
      Mounts: spec.mounts.map((m) => ({ Type: 'bind' as const, Source: m.source, Target: m.target })),
      PortBindings: Object.fromEntries(exposed.map((p) => [p, spec.ports.filter((b) => `${b.containerPort}/tcp` === p).map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort ? String(b.hostPort) : '' }))])),
      RestartPolicy: { Name: spec.restartUnlessStopped ? 'unless-stopped' : 'no' },
      NetworkMode: spec.network,
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: [spec.name] } } },
  };
}

/** The part of `GET /containers/{id}/json` we read. */
interface InspectJson {
  Id: string;
  Name: string;
  RestartCount: number;
  State: { Status: string; Running: boolean; Restarting: boolean };
  Config: { Labels?: Record<string, string> | null };
  NetworkSettings: { Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> | null };
  Mounts?: { Type?: string; Source: string; Destination: string }[] | null;
}

function containerState(info: InspectJson): ContainerState {
  const ports: PublishedPort[] = Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(([port, bindings]) =>
    (bindings ?? []).map((b) => ({ containerPort: Number.parseInt(port, 10), hostIp: b.HostIp, hostPort: Number(b.HostPort) })),
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    status: info.State.Status,
    running: info.State.Running,
    restarting: info.State.Restarting,
    restartCount: info.RestartCount,
    labels: info.Config.Labels ?? {},
    ports,
    mounts: bindMounts(info.Mounts),
  };
}

function containerSummary(info: Docker.ContainerInfo): ContainerSummary {
  return {
    id: info.Id,
    name: info.Names[0]?.replace(/^\//, '') ?? info.Id,
    status: info.State,
    running: info.State === 'running',
    labels: info.Labels ?? {},
    ports: info.Ports.filter((p) => p.PublicPort !== undefined).map((p) => ({ containerPort: p.PrivatePort, hostIp: p.IP ?? '', hostPort: p.PublicPort })),
    mounts: bindMounts(info.Mounts as InspectJson['Mounts']),
  };
}

function bindMounts(mounts: InspectJson['Mounts']): ContainerState['mounts'] {
  return (mounts ?? []).filter((m) => m.Type === 'bind').map((m) => ({ source: m.Source, target: m.Destination }));
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
