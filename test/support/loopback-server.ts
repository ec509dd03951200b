// In-process HTTP(S) servers on 127.0.0.1 recording what they receive, for peers that must
// misbehave (redirect elsewhere, ask for credentials). HTTPS uses a throwaway self-signed
// certificate that only the test process calling trustSelfSigned() accepts.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Served {
  readonly url: string;
  readonly seen: { path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
}

export interface Tls {
  readonly key: Buffer;
  readonly cert: Buffer;
}

/** Serves on loopback, over https when given a key and certificate. */
export async function serve(handler: (req: IncomingMessage, res: ServerResponse, url: string) => void, tls?: Tls): Promise<Served> {
  const seen: Served['seen'] = [];
  let url = '';
  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    handler(req, res, url);
  };
  const server = tls === undefined ? createServer(listener) : createTlsServer(tls, listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A certificate for 127.0.0.1, trusted by this process until the returned function is
 * called (Node reads NODE_TLS_REJECT_UNAUTHORIZED per connection).
 */
export function trustSelfSigned(): { tls: Tls; restore: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sew-tls-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', join(dir, 'key.pem'),
      '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'ignore' });
    const tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
    const previous = process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
    process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';
    return {
      tls,
      restore: () => {
        if (previous === undefined) delete process.env['NODE_TLS_REJECT_UNAUTHORIZED'];
        else process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = previous;
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
