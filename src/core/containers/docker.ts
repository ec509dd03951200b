// The Docker engine, through dockerode. Connection problems become one clear line.
import Docker from 'dockerode';
import { RuntimeError } from '../errors.js';

export type { default as Docker } from 'dockerode';

export function dockerEndpoint(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** A connected engine, or a RuntimeError saying why not. */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const docker = new Docker(); // honours DOCKER_HOST, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH like the docker CLI
  try {
    await docker.ping();
  } catch (err) {
    throw new RuntimeError(`cannot reach the Docker daemon at ${dockerEndpoint(env)}: ${dockerReason(err)}`);
  }
  return docker;
}

export function dockerReason(err: unknown): string {
  const code = (err as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ECONNREFUSED') return 'is it running?';
  if (code === 'EACCES') return 'permission denied (is this user in the docker group?)';
  const status = (err as { statusCode?: number }).statusCode;
  const message = (err as { json?: { message?: string } }).json?.message ?? (err as Error).message ?? String(err);
  return status ? `${message} (HTTP ${status})` : message;
}

export function isNotFound(err: unknown): boolean {
  return (err as { statusCode?: number }).statusCode === 404;
}
