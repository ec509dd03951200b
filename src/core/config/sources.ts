// Reads the files a composition names: local files and https (or explicit http) context
// registries. Remote reads are bounded in time and size so a slow or hostile registry
// cannot hang or exhaust a CI job; netrc credentials go only to the origin first asked; every
// answer is kept under $SEW_HOME/cache so a run whose registry is down resolves from the
// last good copy (a CI job must not fail because a static site is).
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, RuntimeError } from '../errors.js';
import { displayUrl, maskUrls } from '../format.js';
import { writeFileAtomic } from '../fs/atomic.js';
import { refuseNonRegular } from '../fs/regular-file.js';
import { discard, send, type Reply } from '../oci/http.js';
import { readCapped } from '../streams/capped.js';
import { carriesCredentials, redirectRefusal } from '../oci/origin-policy.js';
import type { HostCredentials } from './netrc.js';

export interface SourceReader {
  /** The text at `url`, or undefined when nothing is there. `signal` cancels a fetch (interrupt, resolution budget). */
  read(url: URL, signal?: AbortSignal): Promise<string | undefined>;
  /** File names directly in the directory `url`, or undefined where it cannot be listed (http). */
  list(url: URL): Promise<string[] | undefined>;
  /** What the reader had to fall back on (cached copies of unreachable registries). */
  warnings(): readonly string[];
}

export interface RemoteLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface ReaderOptions {
  readonly limits?: RemoteLimits;
  /** Where answers are kept for offline runs; no fallback without it. */
  readonly cacheDir?: string;
  readonly credentials?: HostCredentials;
}

const DEFAULT_REMOTE_LIMITS: RemoteLimits = { timeoutMs: 15_000, maxBytes: 1024 * 1024 };
const MAX_REDIRECTS = 5;

type Answer = { readonly found: true; readonly text: string } | { readonly found: false };

/** The registry could not be asked (network, timeout, server error): a cached copy may stand in. */
class Unreachable extends RuntimeError {}

export function createSourceReader(options: ReaderOptions = {}): SourceReader {
  const limits = options.limits ?? DEFAULT_REMOTE_LIMITS;
  const offline = new Map<string, string>();
  const warnings: string[] = [];

  const remote = async (url: URL, signal: AbortSignal | undefined): Promise<string | undefined> => {
    const cache = options.cacheDir === undefined ? undefined : cacheFile(options.cacheDir, url);
    if (!offline.has(url.origin)) {
      try {
        const answer = await fetchAnswer(url, limits, options.credentials, signal);
        if (cache) await writeFileAtomic(cache, JSON.stringify({ url: displayUrl(url), ...answer })).catch(() => undefined);
        return answer.found ? answer.text : undefined;
      } catch (err) {
        if (!(err instanceof Unreachable) || !cache) throw err;
        offline.set(url.origin, err.message);
      }
    }
    const kept = cache ? await readCached(cache) : undefined;
    if (kept === undefined) throw new RuntimeError(`${offline.get(url.origin)} (and no copy of ${displayUrl(url)} is cached)`);
    const warning = `context registry ${url.origin} is unreachable: using the copies cached by an earlier run`;
    if (!warnings.includes(warning)) warnings.push(warning);
    return kept.found ? kept.text : undefined;
  };

  return {
    read: (url, signal) => (url.protocol === 'file:' ? readLocal(fileURLToPath(url)) : remote(url, signal)),
    async list(url) {
      if (url.protocol !== 'file:') return undefined;
      try {
        return await readdir(fileURLToPath(url));
      } catch {
        return [];
      }
    },
    warnings: () => warnings,
  };
}

async function readLocal(path: string): Promise<string | undefined> {
  // Opening a FIFO or a device blocks where no budget can interrupt it: refused unopened.
  // A directory reads as nothing there, as a context directory without sew.yaml does.
  if ((await stat(path).catch(() => undefined))?.isDirectory()) return undefined;
  await refuseNonRegular(path, 'context registry');
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new InputError(path, `cannot read: ${(err as Error).message}`);
  }
}

/** One file per URL, named by its hash: nothing from the registry chooses a local path. */
function cacheFile(dir: string, url: URL): string {
  return join(dir, 'contexts', `${createHash('sha256').update(url.href).digest('hex')}.json`);
}

async function readCached(path: string): Promise<Answer | undefined> {
  try {
    const kept = JSON.parse(await readFile(path, 'utf8')) as { found?: unknown; text?: unknown };
    if (kept.found === true && typeof kept.text === 'string') return { found: true, text: kept.text };
    if (kept.found === false) return { found: false };
  } catch {
    // A missing or damaged copy is no copy.
  }
  return undefined;
}

async function fetchAnswer(start: URL, limits: RemoteLimits, credentials: HostCredentials | undefined, cancel: AbortSignal | undefined): Promise<Answer> {
  const where = displayUrl(start);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  const signal = cancel ? AbortSignal.any([controller.signal, cancel]) : controller.signal;
  // netrc names hosts, but a host's other ports are other servers: the login is resent, as a
  // registry token is, only to the origin it was first sent to (origin-policy.ts).
  const login = credentials?.(start.hostname);
  const authorization: Record<string, string> = login ? { authorization: `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}` } : {};
  try {
    let url = start;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = carriesCredentials(url, start) ? authorization : {};
      // The registry client's transport: redirects come back to us, never followed by it.
      const response = await send(url, { method: 'GET', headers, stallMs: limits.timeoutMs, signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location !== null) {
        await discard(response);
        // Followed by hand so credentials are only ever sent to the origin they were given for.
        if (hop >= MAX_REDIRECTS) throw new InputError(where, `more than ${MAX_REDIRECTS} redirects`);
        const next = new URL(location, url);
        const refusal = redirectRefusal(url, next);
        if (refusal !== undefined) throw new InputError(where, refusal);
        url = next;
        continue;
      }
      if (response.status === 404) {
        await discard(response);
        return { found: false };
      }
      if (response.status < 200 || response.status >= 300) {
        await discard(response);
        const message = `${where}: registry answered HTTP ${response.status}`;
        if (response.status >= 500 || response.status === 429) throw new Unreachable(message);
        throw new RuntimeError(message);
      }
      const declared = Number(response.headers.get('content-length') ?? NaN);
      if (declared > limits.maxBytes) {
        await discard(response);
        throw new InputError(where, `response of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
      }
      return { found: true, text: await readText(response, limits.maxBytes, where) };
    }
  } catch (err) {
    if (err instanceof InputError || err instanceof RuntimeError) throw err;
    // Cancelled by the caller: not an unreachable registry, so no cached copy stands in.
    if (cancel?.aborted) throw new RuntimeError(`${where}: fetch cancelled`);
    if (controller.signal.aborted) throw new Unreachable(`${where}: no complete answer within ${limits.timeoutMs / 1000} s`);
    throw new Unreachable(`${where}: cannot reach the registry: ${causeOf(err)}`);
  } finally {
    clearTimeout(timer);
  }
}

async function readText(response: Reply, maxBytes: number, where: string): Promise<string> {
  const body = await readCapped(response.body, maxBytes);
  if (body === undefined) throw new InputError(where, `response is over the ${maxBytes}-byte limit`);
  return body.toString('utf8');
}

function causeOf(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return maskUrls(cause?.code ?? cause?.message ?? (err as Error).message);
}
