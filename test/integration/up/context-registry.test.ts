// `sew-ci up --from` a templated context served over http, with --set and a context flag
// listed in sew.flags.yaml: the rendered refs are preloaded from a real upstream, a real
// containerd node pulls them with the upstream stopped, and a rerun with the context
// registry down resolves from the copies kept in $SEW_HOME/cache.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { serveDirectory, type StaticServer } from '../../support/static-server.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { removeContainers, requireWorld } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

let upstream: Upstream;
let contexts: StaticServer;
let node: Node;
let home: string;
const api1 = image([textLayer('api-1')], undefined, 'api-1');
const api2 = image([textLayer('api-2')], undefined, 'api-2');
const worker = image([textLayer('worker-3')], undefined, 'worker-3');

const up = () =>
  cli(['up', '--no-cluster', '--json', '--from', 'team/app', '--registry', contexts.origin, '--set', 'tag=2', '--set', 'workerTag=3', '--worker'], writeTree({}), {
    SEW_HOME: home,
    PATH: process.env.PATH,
  });

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/api', '1', api1);
  await pushManifest(upstream, 'team/api', '2', api2);
  await pushManifest(upstream, 'team/worker', '3', worker);
  contexts = await serveDirectory(
    writeTree({
      'team/base/sew.yaml': [
        'abstract: true',
        'vars:',
        '  tag: {default: "1", description: API image tag}',
        'images:',
        '  registries:',
        '    upstream.test:5900: {url: "http://upstream.test:5900"}',
        '  preload:',
        '    refs: ["upstream.test:5900/team/api:{{ .tag }}"]',
        '',
      ].join('\n'),
      'team/base/sew.flags.yaml': 'flags:\n  - name: worker\n    description: Also the worker\n',
      'team/base/sew--worker.yaml': 'images:\n  preload:\n    refs: ["upstream.test:5900/team/worker:{{ .workerTag }}"]\n',
      'team/app/sew.yaml': 'from: [team/base]\n',
    }),
  );
  home = tempDir('sew-home-');
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), node?.remove(), contexts?.close(), removeContainers('sew-preload')]);
});

describe('up from a templated context registry', () => {
  it('preloads the rendered refs', async () => {
    const { code, stdout, stderr } = await up();
    expect(stderr).not.toContain('warning');
    expect(code).toBe(0);
    const byRef = Object.fromEntries(JSON.parse(stdout).preload.images.map((i: { ref: string }) => [i.ref, i]));
    expect(Object.keys(byRef)).toEqual(['upstream.test:5900/team/api:2', 'upstream.test:5900/team/worker:3']);
    expect(byRef['upstream.test:5900/team/api:2']).toMatchObject({ source: 'copied', digest: api2.digest });
    expect(byRef['upstream.test:5900/team/worker:3']).toMatchObject({ source: 'copied', digest: worker.digest });
  });

  it('a node pulls them by their rendered names with the upstream stopped', async () => {
    await upstream.stop();
    node = await startNode({ name: 'sewtest-node-contexts', hostsDir: join(home, 'mirrors', 'hosts') });
    expect(await node.pull('upstream.test:5900/team/api:2', { platform: 'linux/amd64' })).toBe(api2.digest);
    expect(await node.pull('upstream.test:5900/team/worker:3', { platform: 'linux/amd64' })).toBe(worker.digest);
  });

  it('a rerun with the context registry down resolves from the kept copies, with a warning', async () => {
    contexts.down();
    const { code, stdout, stderr } = await up();
    expect(code).toBe(0);
    expect(stderr).toContain(`warning: context registry ${contexts.origin} is unreachable: using the copies cached by an earlier run`);
    expect(JSON.parse(stdout).preload.images.map((i: { ref: string; source: string }) => [i.ref, i.source])).toEqual([
      ['upstream.test:5900/team/api:2', 'hit'],
      ['upstream.test:5900/team/worker:3', 'hit'],
    ]);
  });
});
