// In-memory ports for `up`: each records the step it ran, in order, so a test reads what
// ran for a plan. Behaviour a test needs (an image failing, a mirror not serving, a cluster
// that exists, a moved port) is set per run.
import type { ImageEvent } from '../../../src/core/ports/preloader.js';
import type { Reporter } from '../../../src/core/ports/reporter.js';
import type { UpPorts } from '../../../src/core/up.js';

export interface FakeWorld {
  /** Refs whose copy fails. */
  readonly failing?: readonly string[];
  /** Upstream host -> why its mirror cannot serve. */
  readonly mirrorProblems?: Readonly<Record<string, string>>;
  readonly clusterExists?: boolean;
  /** The port the local registry gets, when not the plan's. */
  readonly localPort?: number;
  readonly preloadRegistryFails?: string;
  readonly engineDown?: string;
  /** Why the cache registry was dropped during the preload. */
  readonly cacheRegistryProblem?: string;
  /** Why the cluster tool is missing. */
  readonly noKind?: string;
  /** The node image is whole in its storage / already in the daemon. */
  readonly nodeImageStored?: boolean;
  readonly nodeImageInDaemon?: boolean;
  /** Runs inside every step, e.g. to check the lock is held. */
  readonly during?: (step: string) => void;
}

export interface Recorded {
  /** Steps, as they ran (`preload-registry` is recorded when it finishes). */
  readonly steps: string[];
  readonly phases: string[];
  readonly infos: string[];
  readonly warnings: string[];
  readonly events: ImageEvent[];
  readonly hostsFiles: Map<string, string>;
  readonly announced: string[];
}

export function fakePorts(world: FakeWorld = {}): { ports: UpPorts; recorded: Recorded } {
  const recorded: Recorded = { steps: [], phases: [], infos: [], warnings: [], events: [], hostsFiles: new Map(), announced: [] };
  const step = (name: string) => {
    world.during?.(name);
    recorded.steps.push(name);
  };
  const reporter: Reporter = {
    phase(name, work) {
      recorded.phases.push(name);
      return work();
    },
    info: (message) => void recorded.infos.push(message),
    warn: (message) => void recorded.warnings.push(message),
    progress: (event) => void recorded.events.push(event),
  };
  const registry = (name: string, hostPort: number) => ({ name, url: `http://127.0.0.1:${hostPort}`, hostPort, action: 'created' as const });
  const ports: UpPorts = {
    reporter,
    registries: {
      async connect() {
        if (world.engineDown) throw new Error(world.engineDown);
        step('connect');
      },
      async startPreload(plan, note) {
        // Slower than the copy, so an order that waits for it shows.
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (world.preloadRegistryFails) throw new Error(world.preloadRegistryFails);
        note('registry:2: pulled');
        step('preload-registry');
        return registry(plan.preload.container, 41000);
      },
      async startMirrors(plan) {
        step('mirrors');
        return (plan.mirrors?.entries ?? [])
          .filter((e) => e.container)
          .map((e) => {
            const problem = world.mirrorProblems?.[e.host];
            return problem ? { host: e.host, container: e.container!, problem } : { host: e.host, container: e.container!, url: 'http://127.0.0.1:42000' };
          });
      },
      async startLocal(plan) {
        step('local');
        const local = plan.local?.kind === 'container' ? plan.local : undefined;
        return registry(local!.container, world.localPort ?? local!.port);
      },
    },
    preloader: {
      async preload(plan, onEvent) {
        step('preload');
        const images = plan.preload.refs.map((ref) => {
          onEvent({ type: 'image-started', ref });
          const result = world.failing?.includes(ref) ? { ref, bytesCopied: 0, error: `${ref}: not found` } : { ref, digest: 'sha256:aa', source: 'copied' as const, bytesCopied: 10 };
          onEvent({ type: 'image-finished', result });
          return result;
        });
        return { images, warnings: [], ...(world.cacheRegistryProblem !== undefined && { cacheRegistryProblem: world.cacheRegistryProblem }) };
      },
      async writeBack(_plan, images) {
        step('write-back');
        return { written: images.map((i) => i.ref), bytesUploaded: images.reduce((sum, i) => sum + i.bytesCopied, 0) };
      },
    },
    builder: {
      async run(builds) {
        step('builds');
        return builds.map((b) => ({ name: b.name, image: b.image, digest: 'sha256:bb', bytesCopied: 1, how: 'pre' as const, log: '', ms: 0 }));
      },
    },
    hostsFiles: {
      async write(dir, files) {
        step('hosts');
        for (const [host, content] of files) recorded.hostsFiles.set(host, content);
        return [...files.keys()].map((host) => `${dir}/${host}/hosts.toml`);
      },
    },
    nodeImages: {
      async ensure(plan, note) {
        step('node-image');
        const stored = plan.nodeImage!.stored!;
        if (world.nodeImageInDaemon) return { ref: plan.nodeImage!.ref, stored: 'hit', daemon: 'present', image: plan.nodeImage!.ref, bytesFetched: 0 };
        note(`loaded ${stored.localTag}`);
        return { ref: plan.nodeImage!.ref, stored: world.nodeImageStored ? 'hit' : 'copied', daemon: 'loaded', image: stored.localTag, bytesFetched: world.nodeImageStored ? 0 : 400 };
      },
    },
    cluster: {
      async available() {
        if (world.noKind) throw new Error(world.noKind);
      },
      async ensure(plan, _note, image = plan.cluster.image) {
        step(image === undefined ? 'cluster' : `cluster --image ${image}`);
        return { name: plan.cluster.name, action: world.clusterExists ? 'reused' : 'created', kubeconfig: plan.cluster.kubeconfig, state: plan.cluster.statePath };
      },
      async announceLocalRegistry(_cluster, host) {
        step('announce');
        recorded.announced.push(host);
        return {};
      },
    },
  };
  return { ports, recorded };
}
