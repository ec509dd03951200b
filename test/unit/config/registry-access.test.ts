// A private context registry reached with netrc credentials, which go to its host and no
// other; and a registry gone down, resolved from the copies an earlier run kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exitCodeFor, RuntimeError } from '../../../src/core/errors.js';
import { publicPlan } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { serveDirectory, type StaticServer } from '../../support/static-server.js';
import { writeTree } from '../../support/tree.js';

const servers: StaticServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const serve = async (files: Record<string, string>, options?: Parameters<typeof serveDirectory>[1]) => {
  const server = await serveDirectory(writeTree(files), options);
  servers.push(server);
  return server;
};

const context = (ref: string, extra = '') => `${extra}images:\n  preload:\n    refs: ["${ref}"]\n`;

describe('netrc credentials', () => {
  it('are sent to the registry host they name, and not on a redirect to another host', async () => {
    const open = await serve({ 'base/sew.yaml': context('mongo:7') });
    const port = Number(open.origin.split(':').pop());
    const secret = 's3cret-9f2c';
    const privateRegistry = await serve(
      {
        'app/sew.yaml': context('api:{{ .tag }}', 'from: [base]\nvars:\n  tag: "1"\n'),
        'app/sew.flags.yaml': 'flags:\n  - name: debug\n    description: Debug image\n',
        'app/sew--debug.yaml': context('api:debug'),
      },
      { credentials: `ci:${secret}`, redirects: { '/base/sew.yaml': `http://127.0.0.1:${port}/base/sew.yaml` } },
    );
    const root = writeTree({ netrc: `machine localhost\n  login ci\n  password ${secret}\n` });
    const registry = privateRegistry.origin.replace('127.0.0.1', 'localhost');
    const env = { NETRC: join(root, 'netrc') };

    const plan = await resolvePlan({ cwd: root, env, sewHome: join(root, 'home'), from: ['app'], registry, flags: ['debug'], platform: 'linux/amd64' });

    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/library/api:1', 'docker.io/library/api:debug']);
    expect(plan.availableFlags).toEqual([{ name: 'debug', description: 'Debug image', file: `${registry}/app/sew--debug.yaml` }]);
    expect(privateRegistry.requests.length).toBeGreaterThan(2);
    expect(privateRegistry.requests.every((r) => r.authorization === `Basic ${Buffer.from(`ci:${secret}`).toString('base64')}`)).toBe(true);
    expect(open.requests).toEqual([{ path: '/base/sew.yaml' }]);
    // Never in the plan, never in what the cache keeps.
    expect(JSON.stringify(publicPlan(plan))).not.toContain(secret);
    const kept = join(root, 'home', 'cache', 'contexts');
    for (const file of readdirSync(kept)) expect(readFileSync(join(kept, file), 'utf8')).not.toContain(secret);
  });

  it('without them, a private registry is a runtime failure (exit 1)', async () => {
    const privateRegistry = await serve({ 'app/sew.yaml': context('api:1') }, { credentials: 'ci:x' });
    const root = writeTree({});
    const failure = resolvePlan({ cwd: root, env: { NETRC: join(root, 'none') }, sewHome: join(root, 'home'), from: ['app'], registry: privateRegistry.origin });
    await expect(failure).rejects.toThrow(`${privateRegistry.origin}/app/sew.yaml: registry answered HTTP 401`);
    expect(exitCodeFor(await failure.catch((e: unknown) => e))).toBe(1);
  });
});

describe('an unreachable context registry', () => {
  const files = {
    'stack/.default': 'v1\n',
    'stack/v1/sew.yaml': context('redis:{{ .tag }}', 'from: [base]\nvars:\n  tag: "7"\n'),
    'stack/v1/sew.flags.yaml': 'flags:\n  - name: extra\n',
    'stack/v1/sew--extra.yaml': context('nginx:1.27'),
    'base/sew.yaml': 'kind:\n  name: remote\n' + context('mongo:7'),
  };

  it('resolves from the copies the last good run kept, with a warning', async () => {
    const server = await serve(files);
    const root = writeTree({});
    const options = { cwd: root, env: {}, sewHome: join(root, 'home'), from: ['stack'], registry: server.origin, flags: ['extra'], sets: { tag: '7.4' }, platform: 'linux/amd64' };
    const online = await resolvePlan(options);
    server.down();

    const offline = await resolvePlan(options);

    expect(offline.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/library/redis:7.4', 'docker.io/library/nginx:1.27']);
    expect(offline.preload.refs).toEqual(online.preload.refs);
    expect(offline.cluster.name).toBe('remote');
    expect(offline.warnings).toEqual([`context registry ${server.origin} is unreachable: using the copies cached by an earlier run`]);
    expect(online.warnings).toEqual([]);
  });

  it('with no copy kept, is a runtime failure (exit 1) naming the file', async () => {
    const server = await serve(files);
    server.down();
    const root = writeTree({});
    const failure = resolvePlan({ cwd: root, env: {}, sewHome: join(root, 'home'), from: ['stack'], registry: server.origin });
    const error = await failure.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuntimeError);
    expect(exitCodeFor(error)).toBe(1);
    expect((error as Error).message).toMatch(new RegExp(`^${server.origin}/stack/sew\\.yaml: cannot reach the registry: .*\\(and no copy of .* is cached\\)$`));
  });
});
