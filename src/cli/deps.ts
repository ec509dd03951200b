// The real adapters behind the core's ports, for the CLI (and the action, which adds its own).
import type Docker from 'dockerode';
import { connectDocker } from '../core/containers/docker.js';
import { processExec } from '../core/exec/exec.js';
import { registryPreloader } from '../core/preload/preloader.js';
import { dockerConfigCredentials } from '../core/registry/docker-config.js';
import { dockerDaemonImages, type LocalImages } from '../core/registry/local-images.js';
import type { Reporter } from '../core/report.js';
import type { UpDeps } from '../core/up.js';

export function cliDeps(reporter: Reporter, env: NodeJS.ProcessEnv): UpDeps {
  const credentials = dockerConfigCredentials();
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
  };
}
