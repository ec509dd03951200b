// A tiny HTTP proxy in front of a registry, for faults a real registry will not produce:
// a blob served with wrong bytes, or slowly enough to kill a copy midway; scripted answers
// (429, 503 with Retry-After) or a connection cut mid-body; Range requests ignored.

import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

export interface ProxyOptions {
  /** Blob digests whose last byte is flipped on the way out. */
  readonly corruptBlobs?: readonly string[];
  /** Throttle blob bodies to about this many bytes per second. */
  readonly blobBytesPerSecond?: number;
  /** Forward requests without their Range header, as a registry that does not do ranges. */
  readonly ignoreRange?: boolean;
  /** Consulted for each request: a fault to play instead of (or while) forwarding it. */
  readonly fault?: (request: SeenRequest) => Fault | undefined;
}

/** Answer this instead of forwarding, or forward but cut the connection after `cutAfter` body bytes. */
export type Fault = { readonly status: number; readonly headers?: Record<string, string> } | { readonly cutAfter: number };

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** How many earlier requests had the same method and path. */
  readonly repeat: number;
}

export interface Proxy {
  readonly url: string;
  readonly host: string;
  /** Every request received, in order, headers as sent by the client. */
  readonly seen: readonly SeenRequest[];
  close(): Promise<void>;
}

export async function startProxy(target: string, options: ProxyOptions = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  const server: Server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const seenRequest = { method, path, headers: { ...req.headers }, repeat: seen.filter((r) => r.method === method && r.path === path).length };
    seen.push(seenRequest);
    const fault = options.fault?.(seenRequest);
    if (fault !== undefined && 'status' in fault) {
      req.resume();
      return void res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers }).end();
    }
    const headers = { ...req.headers };
    if (options.ignoreRange) delete headers.range;
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method, path, headers },
      (reply: IncomingMessage) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        if (fault !== undefined) return void reply.pipe(cutAfter(fault.cutAfter, () => res.destroy())).pipe(res);
        const digest = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(path)?.[1];
        if (method !== 'GET' || digest === undefined) return void reply.pipe(res);
        let body: NodeJS.ReadableStream = reply;
        if (options.corruptBlobs?.includes(digest)) body = body.pipe(flipLastByte(Number(reply.headers['content-length'])));
        if (options.blobBytesPerSecond !== undefined) body = body.pipe(throttle(options.blobBytesPerSecond));
        body.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('proxy has no address');
  const host = `127.0.0.1:${address.port}`;
  return {
    url: `http://${host}`,
    host,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Passes `limit` bytes through, then calls `cut` instead of passing more. */
function cutAfter(limit: number, cut: () => void): Transform {
  let passed = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const room = limit - passed;
      passed += chunk.length;
      if (room > chunk.length) return done(null, chunk);
      this.push(chunk.subarray(0, Math.max(room, 0)));
      // Let the bytes before the cut reach the socket first, and cut before the end is passed
      // on: an ended response would leave a keep-alive socket, not a cut one.
      setImmediate(() => {
        cut();
        done();
      });
    },
  });
}

function flipLastByte(length: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const start = seen;
      seen += chunk.length;
      if (seen === length) {
        const copy = Buffer.from(chunk);
        const at = length - start - 1;
        copy[at] = copy[at]! ^ 0xff;
        return done(null, copy);
      }
      done(null, chunk);
    },
  });
}

function throttle(bytesPerSecond: number): Transform {
  const piece = 16 * 1024;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      const send = async (): Promise<void> => {
        for (let offset = 0; offset < chunk.length; offset += piece) {
          this.push(chunk.subarray(offset, offset + piece));
          await new Promise((resolve) => setTimeout(resolve, (piece / bytesPerSecond) * 1000));
        }
      };
      send().then(() => done(), done);
    },
  });
}
