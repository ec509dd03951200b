// A token service for distribution's native bearer auth: it issues ES256 JWTs carrying the
// requested access to holders of one username/password, signed by a throwaway certificate
// the registry is configured to trust (auth.token.rootcertbundle).

import { execFileSync } from 'node:child_process';
import { randomUUID, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type RequestListener } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TokenServer {
  readonly realm: string;
  readonly service: string;
  readonly issuer: string;
  readonly certificatePath: string;
  /** Every scope list asked for, in order, for assertions on what the client requested. */
  readonly requests: string[][];
  close(): Promise<void>;
}

/** `tls`: serve https with this key and certificate, as public registries' token services do. */
export async function startTokenServer(user: { username: string; password: string }, tls?: { key: Buffer; cert: Buffer }): Promise<TokenServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sew-token-'));
  const keyPath = join(dir, 'key.pem');
  const certificatePath = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certificatePath, '-days', '2', '-subj', '/CN=sew-test-token',
  ], { stdio: 'ignore' });
  const key = readFileSync(keyPath);
  const certDer = readFileSync(certificatePath, 'utf8').replace(/-----[^-]+-----|\s/g, '');
  const service = 'sew-test-registry';
  const issuer = 'sew-test-issuer';
  const requests: string[][] = [];
  const expected = `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`;

  const handler: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://token');
    if (url.pathname !== '/token') return void res.writeHead(404).end();
    if (req.headers.authorization !== expected) return void res.writeHead(401).end('{"details":"bad credentials"}');
    const scopes = url.searchParams.getAll('scope');
    requests.push(scopes);
    const access = scopes.map((scope) => {
      const first = scope.indexOf(':');
      const last = scope.lastIndexOf(':');
      return { type: scope.slice(0, first), name: scope.slice(first + 1, last), actions: scope.slice(last + 1).split(',') };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer] };
    const claims = { iss: issuer, sub: user.username, aud: url.searchParams.get('service'), exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: `${input}.${b64url(signature)}`, expires_in: 300 }));
  };
  const server = tls === undefined ? createServer(handler) : createTlsServer(tls, handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('token server has no address');
  return {
    realm: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${address.port}/token`,
    service,
    issuer,
    certificatePath,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => {
          rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}

function b64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}
