// The docker-credential-helpers protocol: `docker-credential-<name> get`, the server on
// stdin, JSON on stdout. The server goes on stdin and secrets come back on stdout, so
// nothing sensitive ever appears in argv or in our error messages.

import { RuntimeError } from '../errors.js';
import type { Credentials } from '../oci/access.js';

export type CredentialHelperRunner = (helper: string, server: string) => Promise<Credentials | undefined>;

/** The helper is not on the PATH: docker-config.ts then goes on without its credentials. */
export class HelperMissingError extends RuntimeError {}

const TIMEOUT_MS = 30_000;
const MAX_OUTPUT = 1024 * 1024;

/** Runs the helper with `env`, the environment sew-ci was given (helpers read their own config from it). */
export async function runCredentialHelper(helper: string, server: string, env: NodeJS.ProcessEnv): Promise<Credentials | undefined> {
  const program = `docker-credential-${helper}`;
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    const stdout: Buffer[] = [];
    let size = 0;
    let failure: Error | undefined;
    const timer = setTimeout(() => {
      failure = new RuntimeError(`${program} did not answer for ${server} within ${TIMEOUT_MS / 1000}s`);
      child.kill('SIGKILL');
    }, TIMEOUT_MS);

    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        failure = new RuntimeError(`${program} wrote more than ${MAX_OUTPUT} bytes for ${server}`);
        child.kill('SIGKILL');
      } else stdout.push(chunk);
    });
    child.stderr.resume();
    child.stdin.on('error', () => {}); // a helper that exits without reading stdin is judged by its exit code
    child.on('error', (err: NodeJS.ErrnoException) => {
      failure =
        err.code === 'ENOENT'
          ? new HelperMissingError(`credential helper ${program} is not on PATH (needed for ${server})`)
          : new RuntimeError(`credential helper ${program} could not start: ${err.code ?? err.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (failure !== undefined) return reject(failure);
      const out = Buffer.concat(stdout).toString('utf8');
      // The protocol's "not found" is a non-zero exit with this message on stdout.
      if (code !== 0) {
        if (/credentials not found/i.test(out)) return resolve(undefined);
        return reject(new RuntimeError(`credential helper ${program} failed for ${server} (exit ${code})`));
      }
      resolve(parseHelperOutput(out, program, server));
    });
    child.stdin.end(server);
  });
}

function parseHelperOutput(out: string, program: string, server: string): Credentials | undefined {
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(out) as typeof parsed;
  } catch {
    throw new RuntimeError(`credential helper ${program} wrote something other than JSON for ${server}`);
  }
  if (typeof parsed.Username !== 'string' || typeof parsed.Secret !== 'string' || parsed.Secret === '') return undefined;
  if (parsed.Username === '<token>') {
    throw new RuntimeError(`credential helper ${program} returned an identity token for ${server}; only username/password credentials are supported`);
  }
  return { username: parsed.Username, password: parsed.Secret };
}
