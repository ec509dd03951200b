// A static site on loopback, as GitHub Pages serves sew's registry: files from a directory,
// 404 for anything else. It records what it was asked (and with which Authorization), can
// demand Basic credentials, redirect, or go down (connections dropped) to test offline runs.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly requests: { path: string; authorization?: string }[];
  /** Drop every connection from now on, as an unreachable host would. */
  down(): void;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** `user:password` every request must carry. */
  readonly credentials?: string;
  /** path -> absolute URL to redirect to. */
  readonly redirects?: Record<string, string>;
}

export async function serveDirectory(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  let isDown = false;
  const requests: StaticServer['requests'] = [];
  const server = createServer((req: IncomingMessage, res) => {
    if (isDown) {
      req.socket.destroy();
      return;
    }
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push({ path, ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }) });
    const expected = options.credentials && `Basic ${Buffer.from(options.credentials).toString('base64')}`;
    if (expected && req.headers.authorization !== expected) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
      return;
    }
    const redirect = options.redirects?.[path];
    if (redirect !== undefined) {
      res.writeHead(302, { location: redirect }).end();
      return;
    }
    readFile(join(root, normalize(path).replace(/^(\.\.[/\\])+/, '')))
      .then((body) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body))
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    down: () => {
      isDown = true;
      server.closeAllConnections();
    },
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
