// The real adapters behind the core's ports: dockerode, child processes, the copier over
// fetch, the Docker config and daemon. The CLI and the action both start from these.
import type Docker from 'dockerode';
import { connectDocker } from './containers/docker.js';
import { processExec } from './exec/exec.js';
import { registryPreloader } from './preload/preloader.js';
import { dockerConfigCredentials } from './credentials/docker-config.js';
import { dockerDaemonImages, type LocalImages } from './daemon/local-images.js';
import type { Reporter } from './report.js';
import type { UpDeps } from './up.js';

export function defaultUpDeps(reporter: Reporter, env: NodeJS.ProcessEnv): UpDeps {
  const credentials = dockerConfigCredentials(env);
  let engine: Promise<Docker> | undefined;
  const docker = () => (engine ??= connectDocker(env));
  // Connected only when an image is found nowhere upstream.
  const daemon: LocalImages = {
    imageId: async (ref) => dockerDaemonImages(await docker()).imageId(ref),
    save: async (ref) => dockerDaemonImages(await docker()).save(ref),
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
