// Registry traffic as real users see it (Docker Hub, ghcr.io, quay.io): TLS with keep-alive,
// a token realm on another https origin, and blob GETs redirected to a CDN on a third https
// origin that must get no credentials. Copies run in a child process, so the CA is trusted
// the way users trust theirs: NODE_EXTRA_CA_CERTS.

import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, get, type Server } from 'node:https';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostNamespace } from '../../../src/core/images/reference.js';
import { readLink } from '../../../src/core/storage/layout.js';
import { runCopyChild } from '../../support/child-runner.js';
import { blob, image, pushManifest, sha256, type Layer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { storageProblems } from '../../support/storage-check.js';
import { makeCertificates, type TestCertificates } from '../../support/tls-certs.js';
import { startTokenServer, type TokenServer } from '../../support/token-server.js';
import { tempDir } from '../../support/tree.js';

const user = { username: 'robot', password: 'tls-s3cret' };
/** Over the copier's small-blob size, so that with concurrency 1 they move one after another. */
const bigLayer = (): Layer => {
  const bytes = randomBytes(1536 * 1024);
  return { ...blob(bytes), diffId: sha256(bytes) };
};
const api = image([bigLayer(), bigLayer(), bigLayer()], undefined, 'api');

/** An https server on loopback that counts its TLS handshakes and requests. */
interface Front {
  readonly port: number;
  readonly handshakes: () => number;
  readonly requests: { method: string; path: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

async function startFront(certs: TestCertificates, handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<Front> {
  let handshakes = 0;
  const requests: Front['requests'] = [];
  const server: Server = createServer({ key: certs.key, cert: certs.cert }, (req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/', authorization: req.headers.authorization });
    handle(req, res);
  });
  server.on('secureConnection', () => handshakes++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    port: address.port,
    handshakes: () => handshakes,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A push token from the https token service, trusting the test CA for this one request. */
function pushToken(tokens: TokenServer, certs: TestCertificates): Promise<string> {
  const url = `${tokens.realm}?service=${tokens.service}&scope=repository:team/api:pull,push`;
  const authorization = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
  return new Promise((resolve, reject) => {
    get(url, { ca: readFileSync(certs.caPath), headers: { authorization } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve((JSON.parse(body) as { token: string }).token));
    }).on('error', reject);
  });
}

describe('copying from an https registry with a token realm and a CDN', () => {
  let certs: TestCertificates;
  let tokens: TokenServer;
  let upstream: RegistryServer;
  let registry: Front;
  let cdn: Front;
  let strangeRegistry: Front;
  let strangeCdn: Front;

  beforeAll(async () => {
    certs = makeCertificates();
    tokens = await startTokenServer(user, { key: certs.key, cert: certs.cert });
    upstream = await RegistryServer.start({ token: { realm: tokens.realm, service: tokens.service, issuer: tokens.issuer, certificatePath: tokens.certificatePath } });
    // Seeded over plain http, behind the front, with a token asked for directly.
    const seedToken = await pushToken(tokens, certs);
    await pushManifest({ url: upstream.url, headers: { authorization: `Bearer ${seedToken}` } }, 'team/api', '1', api);

    cdn = await startFront(certs, serveBlob);
    registry = await startFront(certs, registryFront(cdn));
    // A CDN whose certificate another CA signed, behind a registry the client trusts.
    strangeCdn = await startFront(makeCertificates(), serveBlob);
    strangeRegistry = await startFront(certs, registryFront(strangeCdn));
  });

  /** The CDN serves blobs straight from the upstream's storage, as presigned storage URLs do. */
  function serveBlob(req: IncomingMessage, res: ServerResponse): void {
    const digest = /^\/blobs\/sha256:([a-f0-9]{64})\?/.exec(req.url ?? '')?.[1];
    const path = digest === undefined ? '' : join(upstream.dataDir, 'docker/registry/v2/blobs/sha256', digest.slice(0, 2), digest, 'data');
    if (!existsSync(path)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    createReadStream(path).pipe(res);
  }

  /** TLS over the plain-http registry; authorized blob GETs are sent to `cdn`. */
  function registryFront(cdn: Front): (req: IncomingMessage, res: ServerResponse) => void {
    return (req, res) => {
      const blob = /\/blobs\/(sha256:[a-f0-9]{64})$/.exec(req.url ?? '')?.[1];
      if (req.method === 'GET' && blob !== undefined && req.headers.authorization !== undefined) {
        return void res.writeHead(307, { location: `https://localhost:${cdn.port}/blobs/${blob}?sig=presigned` }).end();
      }
      const forward = request({ host: '127.0.0.1', port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (reply) => {
        res.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(res);
      });
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    };
  }
  afterAll(async () => {
    await Promise.all([registry?.close(), cdn?.close(), strangeRegistry?.close(), strangeCdn?.close(), upstream?.dispose(), tokens?.close()]);
  });

  async function copy(target: string, env: NodeJS.ProcessEnv, front = registry): Promise<{ exit: number | string; results: Record<string, unknown>[] }> {
    let results: Record<string, unknown>[] = [];
    const child = await runCopyChild(
      { refs: [`localhost:${front.port}/team/api:1`], target, upstream: `https://localhost:${front.port}`, credentials: user, concurrency: 1 },
      (line) => {
        if (line['type'] === 'done') results = (line['report'] as { results: Record<string, unknown>[] }).results;
      },
      env,
    );
    return { exit: await child.exited, results };
  }

  it('copies digest-true over TLS, sends no credentials to the CDN, reuses connections, and hits on the second run', async () => {
    const target = tempDir('sew-tls-preload-');
    const env = { ...process.env, NODE_EXTRA_CA_CERTS: certs.caPath };
    const first = await copy(target, env);
    expect(first.results.map((r) => [r['source'], r['digest'], r['error']])).toEqual([['copied', api.digest, undefined]]);
    expect(first.exit).toBe(0);
    expect(await storageProblems(target)).toEqual([]);
    const repository = `${hostNamespace(`localhost:${registry.port}`)}/team/api`;
    expect(await readLink(join(target, 'docker/registry/v2/repositories', repository, '_manifests/tags/1/current/link'))).toBe(api.digest);

    // Every blob came from the CDN, bare; the token realm on its own origin was asked.
    const cdnGets = cdn.requests.filter((r) => r.method === 'GET');
    expect(cdnGets.map((r) => r.path.slice('/blobs/'.length, -'?sig=presigned'.length)).sort()).toEqual(api.blobs.map((b) => b.digest).sort());
    expect(cdn.requests.every((r) => r.authorization === undefined)).toBe(true);
    expect(tokens.requests.length).toBeGreaterThan(0);
    expect(registry.requests.every((r) => r.path === '/v2/' || r.authorization?.startsWith('Bearer '))).toBe(true);
    // Keep-alive: a TLS handshake per connection, not per request; the redirects and 401s
    // read and dropped must leave their connections open too (layers move one at a time).
    // At most two requests are ever in flight on each: the small config beside one layer.
    expect(registry.handshakes()).toBeLessThanOrEqual(2);
    expect(cdn.handshakes()).toBeLessThanOrEqual(2);
    expect(registry.requests.length).toBeGreaterThan(4);
    expect(cdn.requests.length).toBeGreaterThan(3);

    const before = cdn.requests.length;
    const second = await copy(target, env);
    expect(second.results.map((r) => [r['source'], r['digest']])).toEqual([['hit', api.digest]]);
    expect(second.exit).toBe(0);
    expect(cdn.requests.length).toBe(before);
  });

  const { NODE_EXTRA_CA_CERTS: _, ...untrusting } = process.env;
  it.each([
    { untrusted: 'the registry', env: () => untrusting, front: () => registry, origin: () => registry },
    { untrusted: 'the CDN it redirects to', env: () => ({ ...process.env, NODE_EXTRA_CA_CERTS: certs.caPath }), front: () => strangeRegistry, origin: () => strangeCdn },
  ])('fails when $untrusted has a certificate not trusted: one line naming its origin and the TLS problem, exit 1, nothing written', async (row) => {
    const target = tempDir('sew-tls-untrusted-');
    const run = await copy(target, row.env(), row.front());
    expect(run.exit).toBe(1);
    expect(run.results).toHaveLength(1);
    const error = String(run.results[0]!['error']);
    expect(error).toContain(`https://localhost:${row.origin().port}: certificate not trusted (unable to verify the first certificate)`);
    expect(error).not.toContain('\n');
    expect(await storageProblems(target)).toEqual([]);
    const repository = `${hostNamespace(`localhost:${row.front().port}`)}/team/api`;
    expect(await readLink(join(target, 'docker/registry/v2/repositories', repository, '_manifests/tags/1/current/link'))).toBeUndefined();
  });
});
