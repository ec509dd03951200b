// What sew-ci asks of a container engine, in plain records: the registries' lifecycle, the
// kind network, the registry image and the daemon's own images. The Docker adapter
// (core/docker/) is the one implementation; tests use an in-memory one.
import { RuntimeError } from '../errors.js';

export interface PublishedPort {
  /** The port inside the container. */
  readonly containerPort: number;
  readonly hostIp: string;
  /** 0 in a spec: the engine picks a free one. */
  readonly hostPort: number;
}

export interface ContainerSpec {
  readonly name: string;
  readonly image: string;
  readonly env: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  /** The network it joins, reachable there by its name. */
  readonly network: string;
  /** Bind mounts: host directory -> container path. */
  readonly mounts: readonly { readonly source: string; readonly target: string }[];
  readonly ports: readonly PublishedPort[];
  /** Restarted by the engine unless stopped by hand. */
  readonly restartUnlessStopped: boolean;
}

/** What a listing tells of a container. */
export interface ContainerSummary {
  readonly id: string;
  readonly name: string;
  /** running, restarting, exited, created... as the engine says it. */
  readonly status: string;
  readonly running: boolean;
  readonly labels: Readonly<Record<string, string>>;
  /** Ports published on the host, with the ports the engine picked. */
  readonly ports: readonly PublishedPort[];
  /** Bind mounts. */
  readonly mounts: readonly { readonly source: string; readonly target: string }[];
}

/** What an inspect tells: a listing's summary, and whether the engine keeps restarting it. */
export interface ContainerState extends ContainerSummary {
  readonly restarting: boolean;
  readonly restartCount: number;
}

export interface ContainerEngine {
  /** Where the engine is, for messages: unix:///var/run/docker.sock. */
  readonly endpoint: string;
  /** A container by name; undefined when there is none. */
  inspect(name: string): Promise<ContainerState | undefined>;
  /**
   * Creates and starts a container. Throws EngineError 'conflict' when the name is taken and
   * 'port-taken' when a fixed host port is; a container that cannot start is removed again.
   */
  run(spec: ContainerSpec): Promise<ContainerState>;
  /** Force-removes a container (not its mounts); false when there was none. */
  remove(name: string): Promise<boolean>;
  stop(name: string): Promise<void>;
  /** Containers carrying every label given; running ones only unless `all`. */
  list(labels: Readonly<Record<string, string>>, options?: { readonly all?: boolean }): Promise<ContainerSummary[]>;
  /** The last `tail` lines of a container's output (stdout and stderr). */
  logs(name: string, tail: number): Promise<string[]>;
  /** A bridge network by name, created when missing (a concurrent creation is fine). */
  ensureNetwork(name: string, labels: Readonly<Record<string, string>>): Promise<void>;
  hasImage(ref: string): Promise<boolean>;
  pullImage(ref: string): Promise<void>;
  /** The image ID (its config digest); undefined when the engine has no such image. */
  imageId(ref: string): Promise<string | undefined>;
  /** `docker save` of one image: a tar stream in Docker's save format. */
  saveImage(ref: string): Promise<ReadableStream<Uint8Array>>;
  /** `docker load` of an archive in that format; fails with the daemon's reason when the load does. */
  loadImage(archive: AsyncIterable<Uint8Array>): Promise<void>;
}

export type EngineFailure = 'conflict' | 'port-taken' | 'unreachable' | 'other';

/** A failed engine call, with what callers tell apart. */
export class EngineError extends RuntimeError {
  constructor(
    message: string,
    readonly failure: EngineFailure,
  ) {
    super(message);
  }
}
