// A ContainerEngine in memory, behaving like the Docker adapter where our code depends on it:
// names are unique (EngineError 'conflict'), a fixed host port held by a running container or
// by another process fails the start with EngineError 'port-taken' and leaves no container,
// labels filter listings, a crashing image restarts without publishing its port. Every call
// is recorded, so a test can say how many engine calls a path makes.
import { EngineError, type ContainerEngine, type ContainerSpec, type ContainerState, type ContainerSummary, type PublishedPort } from '../../src/core/ports/container-engine.js';

interface Held {
  spec: ContainerSpec;
  state: ContainerState;
  logs: string[];
}

export interface MemoryEngineOptions {
  readonly images?: readonly string[];
  readonly networks?: readonly string[];
  /** Images a registry could pull. */
  readonly pullable?: readonly string[];
  /** Host ports held by processes other than containers. */
  readonly portsInUse?: readonly number[];
  /** Log lines of a container that crashes at start (and is restarted by the engine), or undefined. */
  readonly crashes?: (spec: ContainerSpec) => readonly string[] | undefined;
  /** The host port a container gets when its spec leaves it to the engine. */
  readonly freePort?: () => number;
}

export class MemoryEngine implements ContainerEngine {
  readonly endpoint = 'memory://';
  readonly calls: string[] = [];
  readonly containers = new Map<string, Held>();
  readonly images: Set<string>;
  readonly networks: Set<string>;
  private nextId = 1;
  private nextPort = 32_768;

  constructor(private readonly options: MemoryEngineOptions = {}) {
    this.images = new Set(options.images ?? []);
    this.networks = new Set(options.networks ?? []);
  }

  async inspect(name: string): Promise<ContainerState | undefined> {
    this.calls.push(`inspect ${name}`);
    return this.containers.get(name)?.state;
  }

  async run(spec: ContainerSpec): Promise<ContainerState> {
    this.calls.push(`run ${spec.name}`);
    if (this.containers.has(spec.name)) {
      throw new EngineError(`cannot create container ${spec.name}: Conflict. The container name "/${spec.name}" is already in use (HTTP 409)`, 'conflict');
    }
    if (!this.images.has(spec.image)) throw new EngineError(`cannot create container ${spec.name}: No such image: ${spec.image} (HTTP 404)`, 'other');
    if (!this.networks.has(spec.network)) throw new EngineError(`cannot create container ${spec.name}: network ${spec.network} not found (HTTP 404)`, 'other');
    const taken = spec.ports.find((p) => p.hostPort !== 0 && this.portHeld(p.hostPort));
    if (taken) {
      throw new EngineError(`cannot start container ${spec.name}: driver failed programming external connectivity: Bind for ${taken.hostIp}:${taken.hostPort} failed: port is already allocated (HTTP 500)`, 'port-taken');
    }
    const crash = this.options.crashes?.(spec);
    const ports: PublishedPort[] = crash ? [] : spec.ports.map((p) => ({ ...p, hostPort: p.hostPort || this.freePort() }));
    const state: ContainerState = {
      id: `c${this.nextId++}`,
      name: spec.name,
      status: crash ? 'restarting' : 'running',
      running: true,
      restarting: crash !== undefined,
      restartCount: crash ? 3 : 0,
      labels: { ...spec.labels },
      ports,
      mounts: spec.mounts,
    };
    this.containers.set(spec.name, { spec, state, logs: [...(crash ?? [])] });
    return state;
  }

  async remove(name: string): Promise<boolean> {
    this.calls.push(`remove ${name}`);
    return this.containers.delete(name);
  }

  async stop(name: string): Promise<void> {
    this.calls.push(`stop ${name}`);
    const held = this.containers.get(name);
    if (held) held.state = { ...held.state, status: 'exited', running: false, restarting: false };
  }

  async list(labels: Readonly<Record<string, string>>, options: { readonly all?: boolean } = {}): Promise<ContainerSummary[]> {
    this.calls.push('list');
    return [...this.containers.values()]
      .map((held) => held.state)
      .filter((state) => (options.all || state.running) && Object.entries(labels).every(([k, v]) => state.labels[k] === v));
  }

  async logs(name: string, tail: number): Promise<string[]> {
    this.calls.push(`logs ${name}`);
    return (this.containers.get(name)?.logs ?? []).slice(-tail);
  }

  async ensureNetwork(name: string): Promise<void> {
    this.calls.push(`network ${name}`);
    this.networks.add(name);
  }

  async hasImage(ref: string): Promise<boolean> {
    this.calls.push(`image ${ref}`);
    return this.images.has(ref);
  }

  async pullImage(ref: string): Promise<void> {
    this.calls.push(`pull ${ref}`);
    if (!this.options.pullable?.includes(ref)) throw new EngineError(`image ${ref} is not present locally and cannot be pulled: pull access denied (HTTP 404)`, 'other');
    this.images.add(ref);
  }

  async imageId(ref: string): Promise<string | undefined> {
    this.calls.push(`image ${ref}`);
    return this.images.has(ref) ? `sha256:${Buffer.from(ref).toString('hex').padEnd(64, '0').slice(0, 64)}` : undefined;
  }

  /** Loads nothing, but what the archive's manifest names: the tag it gives the image. */
  async loadImage(archive: AsyncIterable<Uint8Array>): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of archive) chunks.push(Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('latin1');
    const tags = /"RepoTags":\["([^"]+)"\]/.exec(text)?.[1];
    this.calls.push(`load ${tags ?? '(untagged)'}`);
    if (tags !== undefined) this.images.add(tags);
  }

  async saveImage(ref: string): Promise<ReadableStream<Uint8Array>> {
    throw new EngineError(`cannot save image ${ref}: the memory engine holds no image content`, 'other');
  }

  /** A container's state as a test sets it up: stopped, say. */
  set(name: string, change: Partial<ContainerState>): void {
    const held = this.containers.get(name);
    if (!held) throw new Error(`no container ${name}`);
    held.state = { ...held.state, ...change };
  }

  private portHeld(port: number): boolean {
    if (this.options.portsInUse?.includes(port)) return true;
    return [...this.containers.values()].some((held) => held.state.running && held.state.ports.some((p) => p.hostPort === port));
  }

  private freePort(): number {
    return this.options.freePort?.() ?? this.nextPort++;
  }
}
