// The real adapters behind the core's ports, for the CLI.
import { connectDocker } from '../core/containers/docker.js';
import { processExec } from '../core/exec/exec.js';
import { registryPreloader } from '../core/preload/preloader.js';
import { dockerConfigCredentials } from '../core/registry/docker-config.js';
import type { Reporter } from '../core/report.js';
import type { UpDeps } from '../core/up.js';

export function cliDeps(reporter: Reporter, env: NodeJS.ProcessEnv): UpDeps {
  const credentials = dockerConfigCredentials();
  return {
    docker: () => connectDocker(env),
    exec: processExec,
    reporter,
    preloader: registryPreloader(credentials),
    dockerCredentials: credentials,
  };
}
