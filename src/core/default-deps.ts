// The composition root: the real adapters (the Docker engine, child processes, the copier over
// node:http, the Docker config and daemon, the files a composition names) behind the ports the
// use cases take. The CLI and the action both start from here.
import { dockerRegistries } from './adapters/containers/registries.js';
import { writeHostsDir } from './adapters/hosts-files.js';
import { kindCluster } from './adapters/kind/kind-cluster.js';
import type { SourceReader } from './config/sources.js';
import { dockerConfigCredentials } from './credentials/docker-config.js';
import type { LocalImages } from './daemon/local-images.js';
import { connectEngine } from './docker/dockerode-engine.js';
import { processExec, type Exec } from './exec/exec.js';
import { planFacts, sourceReader } from './default-reader.js';
import type { PlanFacts, PlanOptions } from './plan.js';
import type { Builder } from './ports/builder.js';
import type { Cluster } from './ports/cluster.js';
import type { ContainerEngine } from './ports/container-engine.js';
import type { HostsFiles } from './ports/hosts-files.js';
import type { Preloader } from './ports/preloader.js';
import type { Registries } from './ports/registries.js';
import { registryPreloader } from './preload/preloader.js';
import { nodeImageLoader } from './preload/node-image.js';
import { fetchDownloads } from './adapters/downloads.js';
import type { Downloads } from './ports/downloads.js';
import type { NodeImages } from './ports/node-image.js';

/** Every port a use case takes, but the reporter, which each adapter (CLI, action) brings. */
export interface Deps {
  /** What reads the files a plan's composition names. */
  readonly reader: (options: PlanOptions) => SourceReader;
  /** What planning reads from the machine: kind's default node image. */
  readonly facts: PlanFacts;
  readonly registries: Registries;
  readonly preloader: Preloader;
  readonly builder: Builder;
  readonly hostsFiles: HostsFiles;
  readonly cluster: Cluster;
  readonly nodeImages: NodeImages;
  /** Release downloads (kind, kubectl). */
  readonly downloads: Downloads;
  readonly exec: Exec;
  /** The Docker daemon's images: where builds are pushed from. */
  readonly localImages: LocalImages;
}

/** `exec` is where tests put a recorded kind in place of the binary. */
export function defaultDeps(env: NodeJS.ProcessEnv, exec: Exec = processExec(env)): Deps {
  const credentials = dockerConfigCredentials(env);
  let engine: Promise<ContainerEngine> | undefined;
  const docker = () => (engine ??= connectEngine(env));
  // Connected only when an image is found nowhere upstream.
  const localImages: LocalImages = {
    imageId: async (ref) => (await docker()).imageId(ref),
    save: async (ref) => (await docker()).saveImage(ref),
  };
  return {
    reader: sourceReader,
    facts: planFacts,
    exec,
    localImages,
    registries: dockerRegistries(docker, env, credentials),
    preloader: registryPreloader(env, credentials, localImages),
    // Loaded when a build runs: commands that only plan never compile the build runner.
    builder: {
      run: async (builds, { root, logDir, skipPre }, reporter) =>
        (await import('./adapters/build-runner.js')).runBuilds(builds, { root }, { env, logDir, ...(skipPre && { skipPre }) }, { exec, localImages, reporter }),
    },
    hostsFiles: { write: writeHostsDir },
    nodeImages: nodeImageLoader(env, credentials, docker),
    downloads: fetchDownloads,
    cluster: kindCluster(exec),
  };
}
