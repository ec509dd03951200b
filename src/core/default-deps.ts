// The composition root: the real adapters (the Docker engine, child processes, the copier over
// node:http, the Docker config and daemon) behind the ports the use cases take. The CLI and the action
// both start from here.
import { runBuilds } from './build/run.js';
import { endpointCredentials, endpointFor, type Credentials } from './config/registries.js';
import { writeHostsDir } from './containerd/write-hosts.js';
import { launchPreloadRegistry } from './containers/preload-registry.js';
import { ensureRegistry, waitForRegistry } from './containers/registry.js';
import { dockerConfigCredentials } from './credentials/docker-config.js';
import type { LocalImages } from './daemon/local-images.js';
import { connectEngine } from './docker/dockerode-engine.js';
import { processExec, type Exec } from './exec/exec.js';
import { KIND_NETWORK } from './home/names.js';
import { kindCluster } from './kind/ensure.js';
import type { LocalContainer } from './local/local-registry.js';
import { onPlannedPort } from './local/start.js';
import { ensureMirrors } from './mirrors/containers.js';
import type { Plan } from './plan.js';
import type { ContainerEngine } from './ports/container-engine.js';
import type { Registries } from './ports/registries.js';
import { registryPreloader } from './preload/preloader.js';
import type { UpPorts } from './up.js';

/** The raw adapters, for the use cases that take them directly (build, down, the action's post). */
export interface Adapters {
  readonly docker: () => Promise<ContainerEngine>;
  readonly exec: Exec;
  /** The Docker daemon's images: where builds are pushed from. */
  readonly localImages: LocalImages;
}

export type UpDeps = Adapters & Omit<UpPorts, 'reporter'>;

/** `exec` is where tests put a recorded kind in place of the binary. */
export function defaultUpDeps(env: NodeJS.ProcessEnv, exec: Exec = processExec(env)): UpDeps {
  const credentials = dockerConfigCredentials(env);
  let engine: Promise<ContainerEngine> | undefined;
  const docker = () => (engine ??= connectEngine(env));
  // Connected only when an image is found nowhere upstream.
  const localImages: LocalImages = {
    imageId: async (ref) => (await docker()).imageId(ref),
    save: async (ref) => (await docker()).saveImage(ref),
  };
  return {
    docker,
    exec,
    localImages,
    registries: dockerRegistries(docker, env, credentials),
    preloader: registryPreloader(env, credentials, localImages),
    builder: { run: (plan, reporter) => runBuilds(plan.builds, { root: plan.preload.data }, { env, logDir: plan.buildLogs }, { exec, localImages, reporter }) },
    hostsFiles: { write: writeHostsDir },
    cluster: kindCluster(exec),
  };
}

/** The registries port over the containers module: the plan's names, data and ports as container specs. */
function dockerRegistries(docker: () => Promise<ContainerEngine>, env: NodeJS.ProcessEnv, dockerCredentials: (host: string) => Promise<Credentials | undefined>): Registries {
  return {
    connect: async () => void (await docker()),
    startPreload: async (plan, note) => launchPreloadRegistry(await docker(), plan, note),
    async startMirrors(plan) {
      const mirrors = await ensureMirrors(await docker(), {
        entries: plan.mirrors?.entries ?? [],
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: (host) => endpointCredentials(endpointFor(plan.registries, host), env, dockerCredentials),
        publish: plan.publish,
      });
      return mirrors;
    },
    async startLocal(plan, note) {
      const local = localContainer(plan);
      const engine = await docker();
      const spec = { name: local.container, role: 'local' as const, home: plan.home.id, image: plan.registryImage, dataDir: local.data, network: KIND_NETWORK, publish: plan.publish };
      const registry = await onPlannedPort(local, (hostPort) => ensureRegistry(engine, { ...spec, ...(hostPort !== undefined && { hostPort }) }), note);
      await waitForRegistry(registry.url);
      return registry;
    },
  };
}

function localContainer(plan: Plan): LocalContainer {
  if (plan.local?.kind !== 'container') throw new Error('the plan starts no local registry container');
  return plan.local;
}
