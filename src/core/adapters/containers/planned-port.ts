// Starting the local registry: apart from the plan's module, as it reads the container engine's failures.
import { EngineError } from '../../ports/container-engine.js';
import type { LocalContainer } from '../../local/local-registry.js';

/**
 * Starts the registry on the plan's port; when another process holds a port the home only
 * picked (not the user), on any free one instead.
 */
export async function onPlannedPort<T>(local: LocalContainer, start: (hostPort?: number) => Promise<T>, note: (message: string) => void): Promise<T> {
  try {
    return await start(local.port);
  } catch (err) {
    if (!(err instanceof EngineError && err.failure === 'port-taken') || !local.portMayMove) throw err;
    note(`${err.message}; taking a free port instead`);
    return start();
  }
}
