import type Docker from 'dockerode';
import { RuntimeError } from '../errors.js';
import { dockerReason, isNotFound } from './docker.js';

/**
 * The registry image, pulled only when it is not present: a CI runner may have no route to
 * Docker Hub, and a restored cache must not depend on one.
 */
export async function ensureImage(docker: Docker, image: string, onPull?: (image: string) => void): Promise<'present' | 'pulled'> {
  try {
    await docker.getImage(image).inspect();
    return 'present';
  } catch (err) {
    if (!isNotFound(err)) throw new RuntimeError(`cannot inspect image ${image}: ${dockerReason(err)}`);
  }
  onPull?.(image);
  try {
    const stream = await docker.pull(image);
    await new Promise<void>((resolve, reject) => docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    throw new RuntimeError(`image ${image} is not present locally and cannot be pulled: ${dockerReason(err)}`);
  }
  return 'pulled';
}
