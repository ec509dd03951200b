// Work on any composition is bounded: each context resolved once, a budget for the whole
// resolution, YAML read in linear time with alias limits, fetches cancelled on interrupt.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/core/config/document.js';
import { InputError, InterruptedError, RuntimeError } from '../../../src/core/errors.js';
import { type Plan, type PlanOptions } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { serveDirectory } from '../../support/static-server.js';
import { disposables } from '../../support/disposables.js';

const { tree, add } = disposables();

function plan(root: string, options: Partial<PlanOptions> = {}): Promise<Plan> {
  return resolvePlan({ cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, 'home'), platform: 'linux/amd64', ...options });
}

/** c0 -> from [c1, c1] -> ... -> c{depth}: 2^depth paths through `depth + 1` files. */
function diamond(depth: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < depth; i++) files[`reg/c${i}/sew.yaml`] = `from: [c${i + 1}, c${i + 1}]\nimages:\n  preload:\n    refs: [img${i}:1]\n`;
  files[`reg/c${depth}/sew.yaml`] = `images:\n  preload:\n    refs: [img${depth}:1]\n`;
  return files;
}

describe('a diamond chain of 17 contexts', () => {
  it('resolves each context once over file://, each applied once', async () => {
    const root = tree({ ...Object.fromEntries(Object.entries(diamond(17)).map(([k, v]) => [`project/${k}`, v])), 'project/sew.yaml': 'registry: file://./reg\nfrom: [c0]\n' });
    const p = await plan(root);
    expect(p.sources).toHaveLength(19);
    expect(p.sources[0]).toBe('reg/c17/sew.yaml');
    expect(p.preload.refs).toHaveLength(18);
  });

  it('fetches each file once over http', async () => {
    const root = tree({ ...Object.fromEntries(Object.entries(diamond(17)).map(([k, v]) => [`site/${k}`, v])), 'project/.keep': '' });
    const server = await serveDirectory(join(root, 'site'));
    add(() => server.close());
    const p = await plan(root, { from: ['c0'], registry: `${server.origin}/reg/` });
    expect(p.preload.refs).toHaveLength(18);
    const asked = server.requests.map((r) => r.path).filter((path) => path.endsWith('/sew.yaml'));
    expect(asked).toHaveLength(new Set(asked).size);
    expect(asked).toHaveLength(18);
  });
});

describe('the resolution budget', () => {
  it.each([
    ['files', { files: 5, bytes: 1 << 20, ms: 60_000 }, /reads more than 5 files \(resolution budget\)/],
    ['bytes', { files: 500, bytes: 200, ms: 60_000 }, /reads more than 200 bytes \(resolution budget\)/],
  ])('refuses a composition over its %s', async (_, limits, message) => {
    const root = tree({ ...Object.fromEntries(Object.entries(diamond(8)).map(([k, v]) => [`project/${k}`, v])), 'project/sew.yaml': 'registry: file://./reg\nfrom: [c0]\n' });
    const err = await plan(root, { limits }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  it('cancels a fetch that outlasts its time, with no cached copy standing in', async () => {
    const { origin, close } = await hangingServer();
    add(close);
    const root = tree({ 'project/.keep': '' });
    const err = await plan(root, { from: ['ctx'], registry: `${origin}/`, limits: { files: 500, bytes: 1 << 20, ms: 300 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toMatch(/took more than 0\.3 s \(resolution budget\)/);
  });

  it('an interrupt cancels a fetch in flight', async () => {
    const { origin, close } = await hangingServer();
    add(close);
    const root = tree({ 'project/.keep': '' });
    const controller = new AbortController();
    setTimeout(() => controller.abort('SIGTERM'), 100);
    const err = await plan(root, { from: ['ctx'], registry: `${origin}/`, signal: controller.signal }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InterruptedError);
    expect((err as Error).message).toBe('interrupted by SIGTERM');
  });
});

describe('YAML input', () => {
  it.each([
    ['a duplicate key deep in a large mapping', `images:\n  registries:\n${Array.from({ length: 20_000 }, (_, i) => `    h${i}.example: {}`).join('\n')}\n    h7.example: {}\n`, /^big\.yaml:20003:5: Map keys must be unique \("h7\.example" is written twice\)$/],
    ['an alias bomb', 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n', /^big\.yaml:2:8: too many alias expansions/],
  ])('reports %s as bad input at file:line:col', (_, text, message) => {
    let err: unknown;
    try {
      parseConfig('big.yaml', text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(message);
  });

  it('warns about 20k unknown top-level keys, each at its line', () => {
    const doc = parseConfig('big.yaml', Array.from({ length: 20_000 }, (_, i) => `k${i}: 1`).join('\n'));
    expect(doc.warnings).toHaveLength(20_000);
    expect(doc.warnings[19_999]).toMatch(/^big\.yaml:20000:1: unknown key "k19999"/);
  });
});

async function hangingServer(): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = createServer(() => undefined);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
