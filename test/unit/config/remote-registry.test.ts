// Context registries over HTTP, served by a real server on loopback: composition,
// .default, flags listed in sew.flags.yaml manifests, and the time and size limits on a
// registry's answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSourceReader } from '../../../src/core/config/sources.js';
import { resolvePlan } from '../../../src/core/plan.js';
import { writeTree } from '../../support/tree.js';

const files: Record<string, string | (() => { delayMs?: number; body: string })> = {
  '/reg/base/sew.yaml': 'kind:\n  name: remote\nimages:\n  preload:\n    refs: [mongo:7, elasticsearch:8]\n',
  '/reg/base/sew--no-es.yaml': 'images:\n  preload:\n    skip: [elasticsearch:8]\n',
  '/reg/base/sew--unlisted.yaml': 'images:\n  preload:\n    skip: [mongo:7]\n',
  '/reg/base/sew.flags.yaml': 'flags:\n  - name: no-es\n    description: Without Elasticsearch\n',
  '/reg/stack/.default': 'v1',
  '/reg/stack/v1/sew.yaml': 'from: [base]\nimages:\n  preload:\n    refs: [redis:7]\n',
  // As sew's http resolver reads it: an inherited flag listed with the context that declares it.
  '/reg/stack/v1/sew.flags.yaml': 'flags:\n  - name: no-es\n    description: Without Elasticsearch\n    source: base\n',
  '/reg/slow/sew.yaml': () => ({ delayMs: 2_000, body: 'kind: {}\n' }),
  '/reg/huge/sew.yaml': () => ({ body: `notes: "${'x'.repeat(64 * 1024)}"\n` }),
  '/reg/broken/sew.yaml': 'kind: [\n',
  '/reg/local/sew.yaml': 'registry: file:///etc\nfrom: [ssl]\n',
};

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const entry = files[req.url ?? ''];
    if (entry === undefined) {
      res.writeHead(404).end();
      return;
    }
    const { delayMs = 0, body } = typeof entry === 'function' ? entry() : { body: entry };
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/yaml' }).end(body), delayMs).unref();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/reg`;
});

afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const plan = (sew: string, flags: string[] = []) => {
  const dir = writeTree({ 'sew.yaml': sew });
  return resolvePlan(
    { cwd: dir, env: {}, sewHome: join(dir, 'home'), flags, platform: 'linux/amd64' },
    createSourceReader({ limits: { timeoutMs: 500, maxBytes: 16 * 1024 } }),
  );
};

describe('remote context registries', () => {
  it('compose from an http registry, following .default', async () => {
    const p = await plan(`registry: ${base}\nfrom: [stack]\n`);
    expect(p.cluster.name).toBe('remote');
    expect(p.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/library/elasticsearch:8', 'docker.io/library/redis:7']);
    expect(p.sources).toEqual([`${base}/base/sew.yaml`, `${base}/stack/v1/sew.yaml`, 'sew.yaml']);
  });

  it('list a remote context’s flags from its sew.flags.yaml, inherited through composition, from the context a `source` names', async () => {
    const p = await plan(`registry: ${base}\nfrom: [stack]\n`, ['no-es']);
    expect(p.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/library/redis:7']);
    expect(p.availableFlags).toEqual([{ name: 'no-es', description: 'Without Elasticsearch', file: `${base}/base/sew--no-es.yaml` }]);
  });

  it('know only the flags a manifest lists', async () => {
    await expect(plan(`registry: ${base}\nfrom: [base]\n`, ['unlisted'])).rejects.toThrow('--unlisted: unknown context flag; available: --no-es');
  });

  it.each([
    ['a missing context', 'nope', 'sew.yaml:2:8: context "nope" not found'],
    ['a slow registry', 'slow', 'BASE/slow/sew.yaml: no complete answer within 0.5 s'],
    ['a huge answer', 'huge', 'BASE/huge/sew.yaml: response is over the 16384-byte limit'],
    ['a broken context file', 'broken', 'BASE/broken/sew.yaml:2:1:'],
    ['a path escaping the registry', '../../etc', 'escapes its registry root'],
    ['a remote context naming local files', 'local', 'BASE/local/sew.yaml:1:11: a context fetched over http(s) cannot name a local registry'],
  ])('refuse %s', async (_, context, message) => {
    await expect(plan(`registry: ${base}\nfrom: [${context}]\n`)).rejects.toThrow(message.replace('BASE', base));
  });

  it('refuse an unreachable registry with one line', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((done) => closed.close(done));
    await expect(plan(`registry: http://127.0.0.1:${port}/reg\nfrom: [x]\n`)).rejects.toThrow(
      new RegExp(`^http://127\\.0\\.0\\.1:${port}/reg/x/sew\\.yaml: cannot reach the registry: ECONNREFUSED$`),
    );
  });
});
