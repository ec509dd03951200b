// One HTTP exchange on node:http, with a stall timer instead of a total timeout: a healthy
// 1 GB blob may take minutes, but no registry should leave us waiting this long for a
// connection, for response headers, or between two chunks of a body.
//
// Not fetch: Node compiles its HTTP client (undici) on the first fetch of each process,
// 40-70 ms, more than all the HEADs of a warm run; node:http is loaded already (the engine
// socket). Its global agents keep connections alive between requests, as fetch's did.

import { request as httpRequest, type IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { maskUrls } from '../format.js';
import { readCapped } from '../streams/capped.js';

/** The network failed us: refused, reset, unresolvable, or silent for too long. Retried, then a RegistryError. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    message: string,
    options?: { cause?: unknown },
    /** A dropped connection, worth another try; refusals and lookups failures are not. */
    readonly transient = false,
  ) {
    super(message, options);
  }
}

/** A body over its size cap: the peer answered, but not something we accept. Never retried; a RegistryError. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
}

/** A reply's headers, by case-insensitive name; repeated headers joined by ", " (as fetch's Headers). */
export interface ReplyHeaders {
  get(name: string): string | null;
}

export interface Reply {
  readonly status: number;
  readonly headers: ReplyHeaders;
  /** Null for bodiless replies. Always read to the end or cancel it, or the connection leaks. */
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface SendOptions {
  readonly method: string;
  readonly headers?: Record<string, string>;
  /** Longest silence tolerated: to connect, between chunks, and until response headers. */
  readonly stallMs: number;
  /** Cancels the exchange from outside (an interrupt, a total time budget), body included. */
  readonly signal?: AbortSignal;
  /** What a write sends: bytes, or a stream (a blob read from disk) whose every chunk resets the stall timer. */
  readonly body?: Uint8Array | Readable;
}

export async function send(url: URL, options: SendOptions): Promise<Reply> {
  const request = url.protocol === 'https:' ? (await import('node:https')).request : httpRequest;
  const controller = new AbortController();
  const stall = stallTimer(options.stallMs, controller);
  stall.arm();
  return new Promise<Reply>((resolve, reject) => {
    const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
    let responded = false;
    const req = request(url, { method: options.method, headers: options.headers ?? {}, signal }, (response) => {
      responded = true;
      stall.stop();
      resolve({ status: response.statusCode ?? 0, headers: headersOf(response), body: bodyOf(options.method, response, stall, controller) });
    });
    req.on('error', (err) => {
      stall.stop();
      reject(tlsError(err, url) ?? transportError(err, controller));
    });
    const body = options.body;
    if (body === undefined || body instanceof Uint8Array) {
      req.end(body);
      return;
    }
    // An upload is progress, not silence: the wait for an answer starts after its last byte.
    body.on('data', () => {
      if (!responded) stall.arm();
    });
    body.once('error', (err) => req.destroy(err));
    body.pipe(req);
  });
}

function headersOf(response: IncomingMessage): ReplyHeaders {
  return {
    get(name) {
      const value = response.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** The body as a stream, or null (its end read at once, so the connection is free again) when there is none. */
function bodyOf(method: string, response: IncomingMessage, stall: StallTimer, controller: AbortController): ReadableStream<Uint8Array> | null {
  const status = response.statusCode ?? 0;
  if (method === 'HEAD' || status === 204 || status === 304) {
    response.resume();
    return null;
  }
  return watchBody(response, stall, controller);
}

/** Reads a whole reply, refusing more than `max` bytes (manifests, tokens, error documents). */
export async function readReply(reply: Reply, max: number, what: string): Promise<Buffer> {
  const declared = Number(reply.headers.get('content-length') ?? Number.NaN);
  if (reply.body !== null && declared > max) {
    await reply.body.cancel();
    throw new TooLargeError(`${what} is ${declared} bytes, over the ${max}-byte limit`);
  }
  const body = await readCapped(reply.body, max);
  if (body === undefined) throw new TooLargeError(`${what} is over the ${max}-byte limit`);
  return body;
}

/** Releases a reply whose body we do not need. */
export async function discard(reply: Reply): Promise<void> {
  await reply.body?.cancel().catch(() => {});
}

interface StallTimer {
  arm(): void;
  stop(): void;
}

function stallTimer(ms: number, controller: AbortController): StallTimer {
  let timer: NodeJS.Timeout | undefined;
  return {
    arm() {
      clearTimeout(timer);
      // Kept ref'd on purpose: while a request waits, this timer may be all that holds the
      // event loop open (undici does not), and Node would exit mid-copy with code 13.
      timer = setTimeout(() => controller.abort(new TransportError(`no response for ${ms / 1000}s`)), ms);
    },
    stop() {
      clearTimeout(timer);
    },
  };
}

function watchBody(response: IncomingMessage, stall: StallTimer, controller: AbortController): ReadableStream<Uint8Array> {
  const reader = (Readable.toWeb(response) as ReadableStream<Uint8Array>).getReader();
  return new ReadableStream<Uint8Array>(
    {
      // Only time our wait for the network: a slow consumer is backpressure, not a stall.
      async pull(out) {
        stall.arm();
        try {
          const { done, value } = await reader.read();
          if (done) out.close();
          else out.enqueue(value);
        } catch (err) {
          throw transportError(err, controller);
        } finally {
          stall.stop();
        }
      },
      async cancel(reason) {
        stall.stop();
        // A reply already received whole (a 401's or a redirect's few bytes) is read out of
        // memory instead: destroying it would close its connection, already back in the
        // agent's pool, and cost the next request a new TLS handshake.
        if (response.complete) {
          while (!(await reader.read().catch(() => ({ done: true }))).done);
          return;
        }
        await reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

/** Phrases for the network codes we name, and whether another attempt may succeed. */
const NETWORK_CODES: Record<string, readonly [phrase: string, transient: boolean]> = {
  ECONNREFUSED: ['connection refused', false],
  ECONNRESET: ['connection reset', true],
  ENOTFOUND: ['host not found', false],
  EAI_AGAIN: ['host name lookup failed', false],
  ETIMEDOUT: ['connection timed out', false],
  EHOSTUNREACH: ['host unreachable', false],
  ENETUNREACH: ['network unreachable', false],
  EPIPE: ['connection closed', true],
};

/** OpenSSL's verification codes (as Node names them) that mean: no trusted CA vouches for this certificate. */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
]);

const CERTIFICATE_CODES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is not for this host',
};

/**
 * A failed TLS handshake, naming the origin it failed with: after a redirect (a CDN) that is
 * not the registry the caller names, and the fix (NODE_EXTRA_CA_CERTS, a clock) is the user's.
 * Never retried: the same certificate comes back.
 */
function tlsError(err: unknown, url: URL): TransportError | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (!(err instanceof Error) || code === undefined) return undefined;
  const problem = UNTRUSTED.has(code) ? 'certificate not trusted' : (CERTIFICATE_CODES[code] ?? (/^ERR_(SSL|TLS)_/.test(code) ? 'TLS handshake failed' : undefined));
  if (problem === undefined) return undefined;
  return new TransportError(`${url.origin}: ${problem} (${maskUrls(err.message)})`, { cause: err });
}

/** Node's network errors as one short phrase without URLs (they may carry upload state or tokens). */
function transportError(err: unknown, controller: AbortController): Error {
  if (controller.signal.aborted && controller.signal.reason instanceof TransportError) return controller.signal.reason;
  if (err instanceof TransportError) return err;
  let cause: unknown = err;
  for (let depth = 0; depth < 5 && cause instanceof Error; depth++) {
    const code = (cause as NodeJS.ErrnoException).code;
    const known = code === undefined ? undefined : NETWORK_CODES[code];
    if (known !== undefined) return new TransportError(known[0], { cause: err }, known[1]);
    cause = cause.cause;
  }
  const reason = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
  return new TransportError(`connection failed (${maskUrls(reason)})`, { cause: err });
}
