// Where the engine is, and one plain GET to it over its unix socket: what a warm run asks
// (`_ping`, a container inspect) without loading dockerode. The Engine API is HTTP; anything
// beyond a GET goes through dockerode.
import { request } from 'node:http';

const DEFAULT_SOCKET = '/var/run/docker.sock';
/** An inspect answer is a few kB; more means this is not the engine. */
const MAX_ANSWER = 1024 * 1024;
const TIMEOUT_MS = 30_000;

export function dockerEndpoint(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
}

/** The unix socket DOCKER_HOST names; undefined for tcp:// (dockerode reads it and the TLS variables itself). */
export function socketPathOf(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.DOCKER_HOST;
  if (host === undefined || host === '') return DEFAULT_SOCKET;
  return host.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/**
 * GET `path`: its JSON (or text), undefined on 404, otherwise an error shaped like
 * docker-modem's ({ statusCode, json.message }) so one dockerReason reads both.
 */
export function engineGet(socketPath: string, path: string, as: 'json' | 'text' = 'json'): Promise<unknown> {
  return new Promise((resolve, reject) => {
    // No agent: the connection closes with the answer, so nothing keeps the process alive.
    const req = request({ socketPath, path, method: 'GET', agent: false, timeout: TIMEOUT_MS, headers: { Host: 'docker' } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_ANSWER) req.destroy(new Error(`GET ${path}: answer over ${MAX_ANSWER} bytes`));
        else chunks.push(chunk);
      });
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status === 404) return resolve(undefined);
        const parsed = as === 'json' || status >= 300 ? parseJson(body) : body;
        if (status >= 200 && status < 300) return parsed === undefined ? reject(new Error(`GET ${path}: the answer is not JSON`)) : resolve(parsed);
        const message = (parsed as { message?: string } | undefined)?.message ?? body.trim();
        reject(Object.assign(new Error(message), { statusCode: status, json: { message } }));
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error(`no answer to GET ${path} within ${TIMEOUT_MS / 1000} s`), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end();
  });
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
