import type { ContainerEngine } from '../../ports/container-engine.js';

/**
 * The registry image, pulled only when it is not present: a CI runner may have no route to
 * Docker Hub, and a restored cache must not depend on one.
 */
export async function ensureImage(engine: ContainerEngine, image: string, onPull?: (image: string) => void): Promise<'present' | 'pulled'> {
  if (await engine.hasImage(image)) return 'present';
  onPull?.(image);
  await engine.pullImage(image);
  return 'pulled';
}
