// A stand-in for GitHub's cache service (v2), speaking what @actions/cache's real client
// sends: the twirp JSON calls CreateCacheEntry, FinalizeCacheEntryUpload and
// GetCacheEntryDownloadURL under /twirp/github.actions.results.api.v1.CacheService/, the
// archive's upload through the Azure SDK to the signed URL (one PUT, or staged blocks and a
// block list past its single-shot size) and its download by a plain GET. Entries are
// immutable and versioned (the client's hash of the cached paths and compression), keyed
// restores match exactly then by prefix, newest first, as the service does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { serve, type Served } from './loopback-server.js';
import { tempDir } from './tree.js';

const TWIRP = '/twirp/github.actions.results.api.v1.CacheService/';

export interface CacheServiceOptions {
  /** Entries whose archive is larger are refused when finalized. */
  readonly maxEntryBytes?: number;
}

interface Entry {
  readonly key: string;
  readonly version: string;
  readonly id: number;
  /** Staged blocks of an upload in progress, by block id. */
  readonly blocks: Map<string, Buffer>;
  archive?: Buffer;
  finalized: boolean;
}

export interface CacheService {
  readonly url: string;
  /** The variables a runner gives a step for the service (and the client's temp and workspace). */
  readonly env: Readonly<Record<string, string>>;
  /** Finalized entries' keys, oldest first. */
  keys(): string[];
  /** Every twirp call and blob request, in order: `CreateCacheEntry`, `PUT blob`, ... */
  readonly calls: string[];
  /** Another job reserves `key` (under every version) without ever finishing. */
  reserveElsewhere(key: string): void;
  close(): Promise<void>;
}

export async function startCacheService(options: CacheServiceOptions = {}): Promise<CacheService> {
  const token = randomBytes(12).toString('hex');
  const entries: Entry[] = [];
  const reservedElsewhere = new Set<string>();
  const calls: string[] = [];
  let nextId = 1;

  const twirp = (method: string, body: Record<string, unknown>, base: string): [number, unknown] => {
    const key = String(body.key ?? '');
    const version = String(body.version ?? '');
    const find = (k: string) => entries.find((e) => e.key === k && e.version === version);
    switch (method) {
      case 'CreateCacheEntry': {
        if (reservedElsewhere.has(key) || find(key)) return [409, { code: 'already_exists', msg: 'cache entry with the same key, version, and scope already exists' }];
        const entry: Entry = { key, version, id: nextId++, blocks: new Map(), finalized: false };
        entries.push(entry);
        return [200, { ok: true, signed_upload_url: `${base}/devstoreaccount1/cache/${entry.id}?sig=${token}` }];
      }
      case 'FinalizeCacheEntryUpload': {
        const entry = find(key);
        if (!entry || entry.finalized || !entry.archive) return [200, { ok: false, message: `no upload for ${key} to finalize` }];
        const size = Number(body.size_bytes);
        if (size !== entry.archive.length) return [200, { ok: false, message: `uploaded ${entry.archive.length} bytes, finalize says ${size}` }];
        if (options.maxEntryBytes !== undefined && size > options.maxEntryBytes) {
          entries.splice(entries.indexOf(entry), 1);
          return [200, { ok: false, message: `cache entry of ${size} bytes is over the size limit of ${options.maxEntryBytes} bytes` }];
        }
        entry.finalized = true;
        return [200, { ok: true, entry_id: String(entry.id) }];
      }
      case 'GetCacheEntryDownloadURL': {
        const done = entries.filter((e) => e.finalized && e.version === version);
        const prefixes = Array.isArray(body.restore_keys) ? body.restore_keys.map(String) : [];
        const match = done.find((e) => e.key === key) ?? prefixes.map((p) => done.filter((e) => e.key.startsWith(p)).at(-1)).find((e) => e !== undefined);
        return [200, match ? { ok: true, signed_download_url: `${base}/download/${match.id}?sig=${token}`, matched_key: match.key } : { ok: false }];
      }
      default:
        return [404, { code: 'bad_route', msg: `no method ${method}` }];
    }
  };

  const blob = (req: IncomingMessage, res: ServerResponse, body: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.searchParams.get('sig') !== token) return void res.writeHead(403).end();
    const id = Number(url.pathname.split('/').at(-1));
    const entry = entries.find((e) => e.id === id);
    if (req.method === 'GET' && entry?.finalized && url.pathname.startsWith('/download/')) {
      calls.push('GET archive');
      return void res.writeHead(200, { 'content-length': entry.archive!.length, 'content-type': 'application/octet-stream' }).end(entry.archive);
    }
    if (req.method !== 'PUT' || !entry || entry.finalized) return void res.writeHead(404).end();
    const comp = url.searchParams.get('comp');
    calls.push(`PUT ${comp ?? 'blob'}`);
    if (comp === 'block') entry.blocks.set(url.searchParams.get('blockid') ?? '', body);
    else if (comp === 'blocklist') entry.archive = Buffer.concat([...body.toString('utf8').matchAll(/<(?:Latest|Uncommitted)>([^<]+)<\//g)].map((m) => entry.blocks.get(m[1]!) ?? Buffer.alloc(0)));
    else entry.archive = body;
    res.writeHead(201, { etag: `"${id}"`, 'last-modified': new Date().toUTCString(), 'x-ms-request-id': String(id), 'x-ms-version': '2024-11-04', 'x-ms-request-server-encrypted': 'true' }).end();
  };

  const served: Served = await serve((req, res, base) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!req.url?.startsWith(TWIRP)) return blob(req, res, body);
      const method = req.url.slice(TWIRP.length);
      calls.push(method);
      if (req.headers.authorization !== `Bearer ${token}`) return void res.writeHead(401, { 'content-type': 'application/json' }).end('{"code":"unauthenticated","msg":"no token"}');
      const [status, reply] = twirp(method, JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>, base);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
    });
  });

  return {
    url: served.url,
    env: {
      ACTIONS_CACHE_SERVICE_V2: 'true',
      ACTIONS_RESULTS_URL: `${served.url}/`,
      ACTIONS_RUNTIME_TOKEN: token,
      RUNNER_TEMP: tempDir('runner-temp-'),
      GITHUB_WORKSPACE: tempDir('workspace-'),
    },
    keys: () => entries.filter((e) => e.finalized).map((e) => e.key),
    calls,
    reserveElsewhere: (key) => void reservedElsewhere.add(key),
    close: () => served.close(),
  };
}
