// Reads the files a composition names: local files and https (or explicit http) context
// registries. Remote reads are bounded in time and size so a slow or hostile registry
// cannot hang or exhaust a CI job.
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { displayUrl, maskUrls } from '../format.js';
import { redirectRefusal } from '../registry/origin-policy.js';

export interface SourceReader {
  /** The text at `url`, or undefined when nothing is there. */
  read(url: URL): Promise<string | undefined>;
  /** File names directly in the directory `url`, or undefined where it cannot be listed (https). */
  list(url: URL): Promise<string[] | undefined>;
}

export interface RemoteLimits {
  timeoutMs: number;
  maxBytes: number;
}

export const DEFAULT_REMOTE_LIMITS: RemoteLimits = { timeoutMs: 15_000, maxBytes: 1024 * 1024 };

export function createSourceReader(limits: RemoteLimits = DEFAULT_REMOTE_LIMITS): SourceReader {
  return {
    async read(url) {
      if (url.protocol === 'file:') return readLocal(fileURLToPath(url));
      return readRemote(url, limits);
    },
    async list(url) {
      if (url.protocol !== 'file:') return undefined;
      try {
        return await readdir(fileURLToPath(url));
      } catch {
        return [];
      }
    },
  };
}

async function readLocal(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
    throw new InputError(path, `cannot read: ${(err as Error).message}`);
  }
}

async function readRemote(url: URL, limits: RemoteLimits): Promise<string | undefined> {
  const where = displayUrl(url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    // Nothing secret goes out with a context request, but what comes back over plain http
    // after an https start could have been rewritten on the way.
    const refusal = response.redirected ? redirectRefusal(url, new URL(response.url)) : undefined;
    if (refusal !== undefined) {
      await response.body?.cancel();
      throw new InputError(where, refusal);
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new InputError(where, `registry answered HTTP ${response.status}`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > limits.maxBytes) {
      await response.body?.cancel();
      throw new InputError(where, `response of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
    }
    return await readCapped(response, limits.maxBytes, where);
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (controller.signal.aborted) throw new InputError(where, `no complete answer within ${limits.timeoutMs / 1000} s`);
    throw new InputError(where, `cannot reach the registry: ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(response: Response, maxBytes: number, where: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.byteLength;
    if (total > maxBytes) throw new InputError(where, `response is over the ${maxBytes}-byte limit`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return maskUrls(cause?.code ?? cause?.message ?? (err as Error).message);
}
