// The push half of the client against a scripted registry: what each answer of the registry
// makes it send next (nothing for a blob it has, no bytes for a mount, one PUT of the whole
// blob otherwise), the credentials kept to the registry's origin, and manifests verbatim.
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryClient } from '../../../src/core/oci/client.js';
import { parseManifest } from '../../../src/core/oci/manifest.js';
import { RegistryPush } from '../../../src/core/oci/push.js';
import { serve, type Served } from '../../support/loopback-server.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const BODY = Buffer.from('blob bytes');
const blob = { digest: DIGEST, size: BODY.length, open: () => Readable.from([BODY]) };
const basic = `Basic ${Buffer.from('u:p').toString('base64')}`;

interface Script {
  readonly head: number;
  /** The POST's answer, and the Location of a 202. */
  readonly post?: { status: number; location?: (url: string) => string };
  readonly put?: number;
}

const servers: Served[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A registry asking for Basic auth, answering the blob calls as scripted; `received` holds what each PUT carried. */
async function registry(script: Script) {
  const received: { method: string; path: string; body: string; authorized: boolean }[] = [];
  const server = await serve((req, res, url) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const authorized = req.headers.authorization === basic;
      if (req.url === '/v2/') {
        res.writeHead(authorized ? 200 : 401, { 'www-authenticate': 'Basic realm="test"' }).end();
        return;
      }
      received.push({ method: req.method!, path: req.url!, body: Buffer.concat(chunks).toString(), authorized });
      if (req.method === 'HEAD') res.writeHead(script.head).end();
      else if (req.method === 'POST') res.writeHead(script.post!.status, script.post!.location ? { location: script.post!.location(url) } : {}).end();
      else res.writeHead(script.put ?? 201).end();
    });
  });
  servers.push(server);
  const push = new RegistryPush(new RegistryClient({ url: server.url, username: 'u', password: 'p' }, { stallMs: 5_000, retry: { attempts: 1, totalWaitMs: 0, baseDelayMs: 1 } }));
  return { push, received, url: server.url };
}

describe('putBlob', () => {
  it.each([
    { name: 'a blob the repository has: nothing sent', script: { head: 200 }, from: undefined, uploaded: 0, calls: ['HEAD /v2/r/blobs/'] },
    { name: 'mounted from another repository: no bytes', script: { head: 404, post: { status: 201 } }, from: 'other', uploaded: 0, calls: ['HEAD /v2/r/blobs/', `POST /v2/r/blobs/uploads/?mount=${encodeURIComponent(DIGEST)}&from=other`] },
    {
      name: 'mount not supported (202): uploaded in the session it opened',
      script: { head: 404, post: { status: 202, location: () => '/v2/r/blobs/uploads/u1?_state=s' } },
      from: 'other',
      uploaded: BODY.length,
      calls: ['HEAD /v2/r/blobs/', 'POST /v2/r/blobs/uploads/?mount=', `PUT /v2/r/blobs/uploads/u1?_state=s&digest=${encodeURIComponent(DIGEST)}`],
    },
    {
      name: 'no mount source: a plain upload',
      script: { head: 404, post: { status: 202, location: (url: string) => `${url}/v2/r/blobs/uploads/u2` } },
      from: undefined,
      uploaded: BODY.length,
      calls: ['HEAD /v2/r/blobs/', 'POST /v2/r/blobs/uploads/', 'PUT /v2/r/blobs/uploads/u2?digest='],
    },
  ])('$name', async ({ script, from, uploaded, calls }) => {
    const { push, received } = await registry(script);
    expect(await push.putBlob('r', blob, from)).toBe(uploaded);
    expect(received.map((r) => `${r.method} ${r.path}`).every((line, i) => line.startsWith(calls[i]!))).toBe(true);
    expect(received).toHaveLength(calls.length);
    expect(received.every((r) => r.authorized)).toBe(true);
    const put = received.find((r) => r.method === 'PUT');
    if (put !== undefined) expect(put.body).toBe(BODY.toString());
  });

  it('an upload location on another origin gets the bytes, never the credentials', async () => {
    const elsewhere = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(201).end());
    });
    servers.push(elsewhere);
    const { push } = await registry({ head: 404, post: { status: 202, location: () => `${elsewhere.url}/upload/x?sig=1` } });
    expect(await push.putBlob('r', blob)).toBe(BODY.length);
    expect(elsewhere.seen).toHaveLength(1);
    expect(elsewhere.seen[0]!.headers.authorization).toBeUndefined();
  });

  it.each([
    [{ head: 404, post: { status: 202 } }, 'the registry named no upload location'],
    [{ head: 404, post: { status: 405 } }, 'HTTP 405'],
    [{ head: 404, post: { status: 202, location: () => '/v2/r/blobs/uploads/u3' }, put: 400 }, 'HTTP 400'],
    [{ head: 403 }, 'HTTP 403'],
  ])('%j fails: %s', async (script, message) => {
    const { push } = await registry(script);
    await expect(push.putBlob('r', blob)).rejects.toThrow(message);
  });
});

describe('putManifest', () => {
  const bytes = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: DIGEST, size: 2 }, layers: [] }));
  const manifest = parseManifest(bytes, null);

  it('sends the bytes verbatim with their media type', async () => {
    const { push, received } = await registry({ head: 404 });
    await push.putManifest('r', '1', manifest);
    expect(received).toEqual([{ method: 'PUT', path: '/v2/r/manifests/1', body: bytes.toString(), authorized: true }]);
  });

  it('refuses a registry that stored other bytes', async () => {
    const server = await serve((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/v2/' ? 200 : 201, { 'docker-content-digest': DIGEST }).end());
    });
    servers.push(server);
    const push = new RegistryPush(new RegistryClient({ url: server.url }, { stallMs: 5_000 }));
    await expect(push.putManifest('r', '1', manifest)).rejects.toThrow(`was stored as ${DIGEST}, not ${manifest.digest}`);
  });
});
