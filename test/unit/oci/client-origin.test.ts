// RegistryClient against in-process servers: a registry whose blobs redirect to another
// origin, where a server asks for credentials; an https registry pointing at plain http.
// Credentials must never reach either.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/core/oci/client.js';
import { RegistryError } from '../../../src/core/oci/registry-error.js';
import { serve, trustSelfSigned, type Served, type Tls } from '../../support/loopback-server.js';

const user = { username: 'reader', password: 'r3ader-secret' };
const basic = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;
const DIGEST = `sha256:${'a'.repeat(64)}`;

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

describe('RegistryClient on an https registry', () => {
  const servers: Served[] = [];
  let tls: Tls;
  let restore: () => void;
  beforeAll(() => {
    ({ tls, restore } = trustSelfSigned());
  });
  afterAll(() => restore());
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** A token service that grants anyone presenting our credentials. */
  const tokens = (): ((req: IncomingMessage, res: ServerResponse) => void) => (req, res) => {
    if (req.headers.authorization !== basic) return void res.writeHead(401).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"granted"}');
  };
  /** A registry asking for Bearer tokens from `realm`, redirecting blob reads to `blobs`. */
  const registryAt = (realm: () => string, blobs?: () => string) => (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== 'Bearer granted') return void res.writeHead(401, { 'www-authenticate': `Bearer realm="${realm()}",service="r"` }).end();
    if (req.url === '/v2/') return void res.writeHead(200).end('{}');
    if (blobs !== undefined && req.url?.includes('/blobs/')) return void res.writeHead(307, { location: `${blobs()}/bucket/blob` }).end();
    res.writeHead(200, { 'docker-content-digest': DIGEST }).end();
  };

  it('takes a token from an https realm on another origin, as Docker Hub names auth.docker.io', async () => {
    const auth = await serve(tokens(), tls);
    const registry = await serve(registryAt(() => `${auth.url}/token`), tls);
    servers.push(auth, registry);
    const client = new RegistryClient({ url: registry.url, ...user }, { stallMs: 5000 });
    expect(await client.manifestDigest('team/app', '1')).toBe(DIGEST);
    expect(auth.seen.map((r) => r.headers.authorization)).toEqual([basic]);
  });

  it('refuses a plain-http token realm, sending it nothing', async () => {
    const auth = await serve(tokens());
    const registry = await serve(registryAt(() => `${auth.url}/token`), tls);
    servers.push(auth, registry);
    const client = new RegistryClient({ url: registry.url, ...user }, { stallMs: 5000 });
    await expect(client.manifestDigest('team/app', '1')).rejects.toThrow(
      `${new URL(registry.url).host}/team/app: token request failed: the token realm ${new URL(auth.url).host} is plain http while the registry is https`,
    );
    expect(auth.seen).toEqual([]);
  });

  it('refuses a redirect down to plain http, following it nowhere', async () => {
    const auth = await serve(tokens(), tls);
    const storage = await serve((_req, res) => void res.writeHead(200).end('x'));
    const registry = await serve(
      registryAt(
        () => `${auth.url}/token`,
        () => storage.url,
      ),
      tls,
    );
    servers.push(auth, storage, registry);
    const client = new RegistryClient({ url: registry.url, ...user }, { stallMs: 5000 });
    await expect(client.getBlob('team/app', DIGEST)).rejects.toThrow(
      `${new URL(registry.url).host}/team/app: blob: redirect from https to plain http (${new URL(storage.url).host}) refused`,
    );
    expect(storage.seen).toEqual([]);
  });
});
