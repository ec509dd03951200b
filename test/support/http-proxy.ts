// A tiny HTTP proxy in front of a registry, for faults a real registry will not produce:
// a blob served with wrong bytes, or served slowly enough to kill a copy midway.

import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';

export interface ProxyOptions {
  /** Blob digests whose last byte is flipped on the way out. */
  readonly corruptBlobs?: readonly string[];
  /** Throttle blob bodies to about this many bytes per second. */
  readonly blobBytesPerSecond?: number;
}

export interface Proxy {
  readonly url: string;
  readonly host: string;
  close(): Promise<void>;
}

export async function startProxy(target: string, options: ProxyOptions = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (reply: IncomingMessage) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        const digest = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '')?.[1];
        if (req.method !== 'GET' || digest === undefined) return void reply.pipe(res);
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
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
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
