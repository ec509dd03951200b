// RegistryClient against misbehaving peers: oversize answers and blob redirects to another
// host. A small in-test HTTP server plays the misbehaving part.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/core/oci/client.js';
import { verifyingStream } from '../../../src/core/oci/digest-stream.js';
import { RegistryError } from '../../../src/core/oci/registry-error.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const FOUR_MIB = 4 * 1024 * 1024;

async function serve(handler: (req: IncomingMessage, res: ServerResponse, base: string) => void): Promise<{ url: string; server: Server }> {
  let base = '';
  const server = createServer((req, res) => handler(req, res, base));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return { url: base, server };
}

async function failureOf(promise: Promise<unknown>): Promise<RegistryError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RegistryError);
  return err as RegistryError;
}

describe('RegistryClient size caps', () => {
  let fake: { url: string; server: Server };
  afterEach(async () => {
    await new Promise((resolve) => fake.server.close(resolve));
  });

  it('refuses a manifest over 4 MiB, streamed without a length', async () => {
    fake = await serve((req, res) => {
      if (req.url === '/v2/') return void res.writeHead(200).end('{}');
      res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent <= FOUR_MIB) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const client = new RegistryClient({ url: fake.url }, { stallMs: 5000 });
    const err = await failureOf(client.getManifest('team/api', '1'));
    expect(err.kind).toBe('invalid');
    expect(err.message).toBe(`${new URL(fake.url).host}/team/api: manifest 1 is over the ${FOUR_MIB}-byte limit`);
  });

  it('refuses a token response that declares more than 4 MiB', async () => {
    fake = await serve((req, res, base) => {
      if (req.url?.startsWith('/token')) return void res.writeHead(200, { 'content-length': String(FOUR_MIB + 1) }).end();
      res.writeHead(401, { 'www-authenticate': `Bearer realm="${base}/token",service="fake"` }).end();
    });
    const client = new RegistryClient({ url: fake.url, username: 'u', password: 'p' }, { stallMs: 5000 });
    const err = await failureOf(client.manifestDigest('team/api', '1'));
    expect(err.kind).toBe('invalid');
    expect(err.message).toContain(`token request failed: token response is ${FOUR_MIB + 1} bytes, over the ${FOUR_MIB}-byte limit`);
  });
});

describe('RegistryClient blob redirects', () => {
  const user = { username: 'reader', password: 'r3ader-secret' };
  const app = image([textLayer('redirect-layer')]);
  let registry: RegistryServer;
  let storage: { url: string; server: Server };
  let front: { url: string; server: Server };
  const storageAuth: (string | undefined)[] = [];
  const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

  beforeAll(async () => {
    registry = await RegistryServer.start({ htpasswd: user });
    await pushManifest({ url: registry.url, headers: { authorization: basic } }, 'team/app', '1', app);
    // Plays S3: serves blobs at presigned-looking URLs and records any Authorization it gets.
    storage = await serve((req, res) => {
      storageAuth.push(req.headers.authorization);
      const [, repo, digest] = /^\/bucket\/(.+)\/(sha256:[a-f0-9]{64})\?sig=/.exec(req.url ?? '') ?? [];
      void fetch(`${registry.url}/v2/${repo}/blobs/${digest}`, { headers: { authorization: basic } }).then(async (reply) => {
        res.writeHead(reply.status, { 'content-type': 'application/octet-stream' }).end(Buffer.from(await reply.arrayBuffer()));
      });
    });
    // Plays the registry front end: everything goes to the registry except blob GETs, which redirect to storage.
    front = await serve((req, res) => {
      const blob = /^\/v2\/(.+)\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '');
      if (req.method === 'GET' && blob !== null) {
        return void res.writeHead(307, { location: `${storage.url}/bucket/${blob[1]}/${blob[2]}?sig=abc` }).end();
      }
      void fetch(`${registry.url}${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }).then(async (reply) => {
        res.writeHead(reply.status, Object.fromEntries(reply.headers)).end(Buffer.from(await reply.arrayBuffer()));
      });
    });
  });
  afterAll(async () => {
    await registry?.dispose();
    await Promise.all([storage, front].map((s) => s && new Promise((resolve) => s.server.close(resolve))));
  });

  it('follows a redirect to another host without sending it our credentials', async () => {
    const client = new RegistryClient({ url: front.url, ...user }, { stallMs: 5000 });
    const layer = app.blobs[1]!;
    const body = await client.getBlob('team/app', layer.digest);
    const bytes = Buffer.from(await new Response(body.pipeThrough(verifyingStream(layer))).arrayBuffer());
    expect(bytes.length).toBe(layer.size);
    expect(storageAuth).toEqual([undefined]);
  });
});
