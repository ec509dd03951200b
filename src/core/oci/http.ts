// One HTTP exchange on Node's fetch, with a stall timer instead of a total timeout: a
// healthy 1 GB blob may take minutes, but no registry should leave us waiting this long
// for a connection, for response headers, or between two chunks of a body.

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

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  /** Null for bodiless replies. Always read to the end or cancel it, or the connection leaks. */
  readonly body: ReadableStream<Uint8Array> | null;
}

export interface SendOptions {
  readonly method: string;
  readonly headers?: Record<string, string>;
  readonly body?: Uint8Array | ReadableStream<Uint8Array>;
  /** Longest silence tolerated: to connect, between chunks, and until response headers. */
  readonly stallMs: number;
}

export async function send(url: URL, options: SendOptions): Promise<Reply> {
  const controller = new AbortController();
  const stall = stallTimer(options.stallMs, controller);
  let body = options.body;
  let bodyFailure: { error: unknown } | undefined;
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    body = new ReadableStream<Uint8Array>(
      {
        // Each chunk handed over is progress; the last one starts the wait for headers.
        async pull(out) {
          try {
            const { done, value } = await reader.read();
            if (done) out.close();
            else {
              stall.arm();
              out.enqueue(value);
            }
          } catch (error) {
            bodyFailure = { error };
            throw error;
          }
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
  }
  stall.arm();
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      ...(options.headers !== undefined && { headers: options.headers }),
      ...(body !== undefined && { body, duplex: 'half' }),
      // Fetch clones a request unless redirects are errors, and cloning tees a streamed body
      // whose unread branch then buffers every byte we send. Uploads never follow redirects.
      redirect: body instanceof ReadableStream ? 'error' : 'manual',
      signal: controller.signal,
    } as RequestInit);
  } catch (err) {
    // A failing body (a digest mismatch, the source registry going away) is the real story.
    if (bodyFailure !== undefined) throw bodyFailure.error;
    throw transportError(err, controller);
  } finally {
    stall.stop();
  }
  return { status: response.status, headers: response.headers, body: watchBody(response.body, stall, controller) };
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

function watchBody(
  body: ReadableStream<Uint8Array> | null,
  stall: StallTimer,
  controller: AbortController,
): ReadableStream<Uint8Array> | null {
  if (body === null) return null;
  const reader = body.getReader();
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
  UND_ERR_CONNECT_TIMEOUT: ['connection timed out', false],
  UND_ERR_SOCKET: ['connection closed', true],
  UND_ERR_CLOSED: ['connection closed', true],
  UND_ERR_HEADERS_TIMEOUT: ['no response headers in time', false],
  UND_ERR_BODY_TIMEOUT: ['body stalled', false],
};

/** Fetch's errors as one short phrase without URLs (they may carry upload state or tokens). */
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
