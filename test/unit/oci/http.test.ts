// send() on loopback: a reply dropped unread (a 401, a redirect, an error document) must
// leave its connection in the agent's pool, or every such reply costs a new connection (a
// TLS handshake on real registries); a reply still arriving is cut instead of waited for.

import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discard, readReply, send } from '../../../src/core/oci/http.js';

describe('send and discard', () => {
  let server: Server;
  let base: string;
  let connections = 0;

  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/401') return void res.writeHead(401, { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="x"' }).end('{"errors":[{"code":"UNAUTHORIZED"}]}');
      if (req.url === '/307') return void res.writeHead(307, { location: '/ok' }).end();
      if (req.url === '/503') return void res.writeHead(503, { 'content-type': 'text/html' }).end('<html>busy</html>'.repeat(100));
      if (req.url === '/endless') return void res.writeHead(200).write('first chunk');
      res.writeHead(200, { 'content-length': '2' }).end('ok');
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it.each([
    { path: '/401', method: 'GET', kept: true },
    { path: '/307', method: 'GET', kept: true },
    { path: '/503', method: 'GET', kept: true },
    { path: '/ok', method: 'HEAD', kept: true },
    { path: '/endless', method: 'GET', kept: false },
  ])('$method $path dropped unread: connection kept for the next request is $kept', async ({ path, method, kept }) => {
    const ok = await send(new URL(`${base}/ok`), { method: 'GET', stallMs: 5000 });
    expect((await readReply(ok, 16, 'ok')).toString()).toBe('ok');
    const before = connections;
    const reply = await send(new URL(`${base}${path}`), { method, stallMs: 5000 });
    await discard(reply);
    const next = await send(new URL(`${base}/ok`), { method: 'GET', stallMs: 5000 });
    expect((await readReply(next, 16, 'ok')).toString()).toBe('ok');
    expect(connections - before).toBe(kept ? 0 : 1);
  });
});
