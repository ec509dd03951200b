// The real adapters behind the core's ports: the Docker engine, child processes, the copier over
// fetch, the Docker config and daemon. The CLI and the action both start from these.
import { connectEngine } from './docker/dockerode-engine.js';
import { processExec } from './exec/exec.js';
import { registryPreloader } from './preload/preloader.js';
import { dockerConfigCredentials } from './credentials/docker-config.js';
import type { LocalImages } from './daemon/local-images.js';
import type { ContainerEngine } from './ports/container-engine.js';
import type { Reporter } from './report.js';
import type { UpDeps } from './up.js';

export function defaultUpDeps(reporter: Reporter, env: NodeJS.ProcessEnv): UpDeps {
  const credentials = dockerConfigCredentials();
  let engine: Promise<ContainerEngine> | undefined;
  const docker = () => (engine ??= connectEngine(env));
  // Connected only when an image is found nowhere upstream.
  const daemon: LocalImages = {
    imageId: async (ref) => (await docker()).imageId(ref),
    save: async (ref) => (await docker()).saveImage(ref),
  };
  return {
    docker,
    exec: processExec,
    reporter,
    preloader: registryPreloader(credentials, daemon),
    dockerCredentials: credentials,
    localImages: daemon,
  };
}
