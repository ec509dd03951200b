// The Docker engine, through dockerode. Connection problems become one clear line.
import Docker from 'dockerode';
import { RuntimeError } from '../errors.js';

export type { default as Docker } from 'dockerode';

export function dockerEndpoint(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
}

/** A connected engine, or a RuntimeError saying why not. */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env): Promise<Docker> {
  const docker = new Docker(connectionOptions(env));
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

/** DOCKER_HOST as the docker CLI reads it: a unix socket, or tcp:// (TLS per DOCKER_TLS_VERIFY, via dockerode). */
function connectionOptions(env: NodeJS.ProcessEnv): Docker.DockerOptions | undefined {
  const host = env.DOCKER_HOST;
  if (host === undefined || host === '') return { socketPath: '/var/run/docker.sock' };
  if (host.startsWith('unix://')) return { socketPath: host.slice('unix://'.length) };
  // dockerode parses tcp:// hosts and the TLS variables itself from the process environment.
  return undefined;
}
