// A distribution (OCI) registry client: just the calls a copier needs, every body streamed
// or size-capped, every failure a RegistryError naming host and repository.

import type { Readable } from 'node:stream';
import { displayUrl } from '../format.js';
import type { CredentialLookup, Credentials, RegistryAccess } from './access.js';
import { Authenticator } from './auth.js';
import { discard, readReply, send, TooLargeError, TransportError, type Reply } from './http.js';
import { ManifestFormatError, parseManifest, type Manifest } from './manifest.js';
import { MANIFEST_ACCEPT } from './media-types.js';
import { carriesCredentials, redirectRefusal } from './origin-policy.js';
import { RegistryError, type RegistryErrorKind } from './registry-error.js';
import { DEFAULT_RETRY, Retrier, type RetryBudget, type RetryPolicy } from './retry.js';

const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_ERROR_BODY = 64 * 1024;
const MAX_REDIRECTS = 5;

export interface ClientOptions {
  /** Used when the access carries no username/password of its own. */
  readonly credentials?: CredentialLookup;
  /** Longest silence tolerated on any request (connect, headers, between body chunks). */
  readonly stallMs: number;
  /** How reads retry transient failures (default: 5 attempts, 60 s of waiting at most). */
  readonly retry?: RetryPolicy;
  /** Interrupts a retry's wait at once. */
  readonly signal?: AbortSignal;
  /** Told of the first retry on each host. */
  readonly onRetry?: (message: string) => void;
}

/** One exchange with the registry, as client.ts and push.ts make them. */
export interface RequestOptions {
  readonly method: string;
  /** A path under /v2, or a URL the registry gave (an upload's Location). */
  readonly at: string | URL;
  readonly scopes: readonly string[];
  readonly headers?: Record<string, string>;
  /** A budget already begun: a blob resumed after its body broke. */
  readonly retries?: RetryBudget;
  /** A write's body, made afresh for each attempt (a 401 answered, a transient failure retried). */
  readonly body?: () => Uint8Array | Readable;
  /** A write that may be repeated (a manifest PUT, an upload started): retried as reads are. */
  readonly idempotent?: boolean;
}

const pull = (repository: string): string => `repository:${repository}:pull`;

export class RegistryClient {
  /** `host[:port]` of the registry URL: what error messages name. */
  readonly host: string;
  private readonly base: URL;
  /** A path the registry lives under, usually empty. */
  private readonly prefix: string;
  private readonly auth: Authenticator;
  private readonly retrier: Retrier;
  private pinged: Promise<void> | undefined;

  constructor(access: RegistryAccess, private readonly options: ClientOptions) {
    let base: URL;
    try {
      base = new URL(access.url);
    } catch {
      throw new RegistryError('invalid', displayUrl(access.url), undefined, 'registry URL is not a valid URL');
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new RegistryError('invalid', base.host, undefined, 'registry URL must be http:// or https://');
    }
    if (base.username !== '' || base.password !== '') {
      throw new RegistryError('invalid', base.host, undefined, 'registry URL must not carry credentials; pass username and password instead');
    }
    this.base = base;
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.host = base.host;
    const explicit: Credentials | undefined =
      access.username !== undefined && access.password !== undefined ? { username: access.username, password: access.password } : undefined;
    let looked: Promise<Credentials | undefined> | undefined;
    const lookup = access.anonymous === true ? undefined : options.credentials;
    const credentials = (): Promise<Credentials | undefined> =>
      explicit !== undefined ? Promise.resolve(explicit) : (looked ??= lookup === undefined ? Promise.resolve(undefined) : lookup(this.host));
    this.retrier = new Retrier(options.retry ?? DEFAULT_RETRY, options.signal, options.onRetry);
    this.auth = new Authenticator(base, credentials, options.stallMs, this.retrier);
  }

  /**
   * The digest a tag or digest resolves to, by HEAD; undefined when the registry does not have
   * it, or does not say (then only a GET can tell).
   */
  async manifestDigest(repository: string, reference: string): Promise<string | undefined> {
    const reply = await this.request(repository, 'manifest', {
      method: 'HEAD',
      at: `/${repository}/manifests/${reference}`,
      scopes: [pull(repository)],
      headers: { accept: MANIFEST_ACCEPT },
    });
    await discard(reply);
    if (reply.status === 404) return undefined;
    if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
    return reply.headers.get('docker-content-digest') ?? undefined;
  }

  /** GET a manifest; the digest is computed from the bytes and checked against any the registry or reference names. */
  async getManifest(repository: string, reference: string): Promise<Manifest> {
    const retries = this.retrier.budget(this.host);
    let reply: Reply;
    let bytes: Buffer | undefined;
    do {
      reply = await this.request(repository, 'manifest', {
        method: 'GET',
        at: `/${repository}/manifests/${reference}`,
        scopes: [pull(repository)],
        headers: { accept: MANIFEST_ACCEPT },
        retries,
      });
      if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
      const body = reply;
      // A body cut midway is asked for again, within the same budget.
      bytes = await this.guard(repository, () =>
        readReply(body, MAX_MANIFEST, `manifest ${reference}`).catch(async (err: unknown) => {
          if (!(err instanceof TransportError)) throw err;
          await retries.resume(err);
          return undefined;
        }),
      );
    } while (bytes === undefined);
    let manifest: Manifest;
    try {
      manifest = parseManifest(bytes, reply.headers.get('content-type'));
    } catch (err) {
      if (err instanceof ManifestFormatError) throw new RegistryError('invalid', this.host, repository, `manifest ${reference}: ${err.message}`);
      throw err;
    }
    const announced = reply.headers.get('docker-content-digest');
    const pinned = reference.includes(':') ? reference : undefined;
    for (const claimed of [pinned, announced?.startsWith('sha256:') ? announced : undefined]) {
      if (claimed !== undefined && claimed !== manifest.digest) {
        throw new RegistryError('invalid', this.host, repository, `manifest ${reference} has digest ${manifest.digest}, not ${claimed}`);
      }
    }
    return manifest;
  }

  /**
   * The blob's bytes as a stream; the caller verifies them (see verifyingStream). A body cut
   * by a dropped connection is resumed with a Range request, or read again from the start
   * (skipping what was passed on) when the registry ignores Range, within one retry budget.
   */
  async getBlob(repository: string, digest: string): Promise<ReadableStream<Uint8Array>> {
    const retries = this.retrier.budget(this.host);
    let delivered = 0;
    let skip = 0;
    const open = async (): Promise<ReadableStreamDefaultReader<Uint8Array>> => {
      const reply = await this.request(repository, 'blob', {
        method: 'GET',
        at: `/${repository}/blobs/${digest}`,
        scopes: [pull(repository)],
        retries,
        ...(delivered > 0 && { headers: { range: `bytes=${delivered}-` } }),
      });
      if (reply.status === 206 && delivered > 0 && reply.body !== null) {
        const start = /^bytes (\d+)-/.exec(reply.headers.get('content-range') ?? '')?.[1];
        if (Number(start) !== delivered) {
          await discard(reply);
          throw new RegistryError('invalid', this.host, repository, `blob ${digest}: asked to resume at byte ${delivered}, answered from ${start ?? 'nowhere'}`);
        }
        skip = 0;
        return reply.body.getReader();
      }
      if (reply.status !== 200 || reply.body === null) throw await this.failure(reply, repository, `blob ${digest}`);
      skip = delivered;
      return reply.body.getReader();
    };
    let reader = await open();
    // Read while written elsewhere, a failure here must still name this registry.
    return new ReadableStream<Uint8Array>(
      {
        pull: (out) =>
          this.guard(repository, async () => {
            for (;;) {
              let chunk: ReadableStreamReadResult<Uint8Array>;
              try {
                chunk = await reader.read();
              } catch (err) {
                if (!(err instanceof TransportError)) throw err;
                await retries.resume(err);
                reader = await open();
                continue;
              }
              if (chunk.done) return out.close();
              const fresh = skip >= chunk.value.length ? undefined : chunk.value.subarray(skip);
              skip = Math.max(0, skip - chunk.value.length);
              if (fresh === undefined) continue;
              delivered += fresh.length;
              return out.enqueue(fresh);
            }
          }),
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }

  /**
   * Sends with auth, retrying once after a 401 that taught us a new challenge; follows
   * redirects of reads and retries transient failures of reads and idempotent writes.
   * Credentials follow origin-policy.ts.
   */
  async request(repository: string, what: string, options: RequestOptions): Promise<Reply> {
    await this.ping();
    const reading = options.method === 'GET' || options.method === 'HEAD';
    const retries = reading || options.idempotent ? (options.retries ?? this.retrier.budget(this.host)) : undefined;
    let url = typeof options.at === 'string' ? this.url(options.at) : options.at;
    let authorization = await this.auth.authorization(options.scopes, repository);
    for (let attempt = 0, redirects = 0; ; ) {
      const home = carriesCredentials(url, this.base);
      const headers: Record<string, string> = { ...options.headers };
      if (authorization !== undefined && home) headers['authorization'] = authorization;
      const exchange = (): Promise<Reply> =>
        send(url, { method: options.method, headers, stallMs: this.options.stallMs, ...(options.body && { body: options.body() }) });
      const reply = await this.guard(repository, () => (retries === undefined ? exchange() : retries.send(exchange)));
      if (reply.status === 401 && attempt === 0 && home) {
        attempt++;
        await discard(reply);
        if (!this.auth.learn(reply.headers.get('www-authenticate'))) return reply;
        authorization = await this.auth.authorization(options.scopes, repository);
        continue;
      }
      const location = reply.headers.get('location');
      if (reading && isRedirect(reply.status) && location !== null) {
        await discard(reply);
        if (++redirects > MAX_REDIRECTS) throw new RegistryError('invalid', this.host, repository, `${what}: too many redirects`);
        const next = new URL(location, url);
        const refusal = redirectRefusal(url, next);
        if (refusal !== undefined) throw new RegistryError('invalid', this.host, repository, `${what}: ${refusal}`);
        url = next;
        continue;
      }
      return reply;
    }
  }

  /** The /v2/ ping, once per client: learns the auth scheme and tells early that a registry is down. */
  private ping(): Promise<void> {
    this.pinged ??= (async () => {
      const reply = await this.guard(undefined, () =>
        this.retrier.budget(this.host).send(() => send(this.url('/'), { method: 'GET', stallMs: this.options.stallMs })),
      );
      await discard(reply);
      if (reply.status === 200) return;
      if (reply.status === 401 && this.auth.learn(reply.headers.get('www-authenticate'))) return;
      throw await this.failure(reply, undefined, 'registry API check (/v2/)');
    })();
    return this.pinged;
  }

  /** The URL of a path under /v2 (push.ts adds its query). */
  url(path: string): URL {
    const url = new URL(this.base);
    url.pathname = `${this.prefix}/v2${path}`;
    return url;
  }

  /** Network failures and oversize answers become RegistryErrors naming this registry. */
  async guard<T>(repository: string | undefined, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (err) {
      if (err instanceof TransportError) throw new RegistryError('unreachable', this.host, repository, err.message, { cause: err });
      if (err instanceof TooLargeError) throw new RegistryError('invalid', this.host, repository, err.message, { cause: err });
      throw err;
    }
  }

  /** An unexpected status as a RegistryError, with the registry's own error code when it sent one. */
  async failure(reply: Reply, repository: string | undefined, what: string): Promise<RegistryError> {
    let detail = '';
    try {
      const body = await readReply(reply, MAX_ERROR_BODY, 'error body');
      const parsed = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] };
      const first = parsed.errors?.[0];
      if (first !== undefined) detail = `: ${[first.code, first.message].filter((x) => typeof x === 'string' && x !== '').join(' ')}`.slice(0, 300);
    } catch {
      await discard(reply);
    }
    return new RegistryError(statusKind(reply.status), this.host, repository, `${what}: HTTP ${reply.status}${detail}`);
  }
}

function statusKind(status: number): RegistryErrorKind {
  if (status === 401 || status === 403) return 'denied';
  if (status === 404) return 'not-found';
  if (status >= 500 || status === 429) return 'unreachable';
  return 'invalid';
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}
