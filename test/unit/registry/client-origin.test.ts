// RegistryClient against in-process servers: a registry whose blobs redirect to another
// origin, where a server asks for credentials. They must never reach it.

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/core/registry/client.js';
import { RegistryError } from '../../../src/core/registry/registry-error.js';

const user = { username: 'reader', password: 'r3ader-secret' };
const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
const DIGEST = `sha256:${'a'.repeat(64)}`;

interface Served {
  readonly url: string;
  readonly seen: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

async function serve(handler: (req: IncomingMessage, res: ServerResponse, url: string) => void): Promise<Served> {
  const seen: Served['seen'] = [];
  let url = '';
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('RegistryClient credentials after a cross-origin redirect', () => {
  const servers: Served[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it.each([
    ['Basic', (_url: string) => 'Basic realm="elsewhere"'],
    ['Bearer', (url: string) => `Bearer realm="${url}/token",service="elsewhere"`],
  ])('never answers a %s challenge from the redirect target', async (_scheme, challenge) => {
    const elsewhere = await serve((req, res, url) => {
      if (req.url?.startsWith('/token')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t"}');
      res.writeHead(401, { 'www-authenticate': challenge(url) }).end();
    });
    const registry = await serve((req, res) => {
      if (req.headers.authorization !== basic) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="registry"' }).end();
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      res.writeHead(307, { location: `${elsewhere.url}/bucket/blob` }).end();
    });
    servers.push(elsewhere, registry);
    const client = new RegistryClient({ url: registry.url, ...user }, { stallMs: 5000 });
    const err = await client.getBlob('team/app', DIGEST).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toBe(`${new URL(registry.url).host}/team/app: blob ${DIGEST}: HTTP 401`);
    expect(registry.seen.some((r) => r.headers.authorization === basic)).toBe(true);
    expect(elsewhere.seen.length).toBeGreaterThan(0);
    expect(elsewhere.seen.filter((r) => r.headers.authorization !== undefined)).toEqual([]);
  });
});
