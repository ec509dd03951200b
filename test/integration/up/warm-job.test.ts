// A warm job fetches nothing: a cold run with the upstream up stores the Kind node image (kind's
// default, read from the kind on the PATH) and the preloaded images; a warm run on a fresh
// $SEW_HOME restored from the first run's cache paths, with the node image removed from the
// daemon and the upstream stopped, creates the cluster through the kind stand-in, its node
// pulls the preloaded image, and the run reports 0 bytes fetched.
import { cp } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, NODE_IMAGE, removeContainers, removeRegistries, requireWorld } from '../../world/docker.js';
import { kindStandIn } from '../../world/kind.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const PORT = 5921;
const CLUSTER = 'sewtest-warm';
const NODE = `${CLUSTER}-control-plane`;
const app = image([textLayer('warm-app')], undefined, 'warm');
let upstream: Upstream;
let project: string;
let path: string;
let nodeImage: string;
const made: string[] = [];

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: PORT });
  await pushManifest(upstream, 'team/app', '1', app);
  // The containerd test node image serves as kindest/node, published in the upstream.
  const pushed = `127.0.0.1:${PORT}/kindest/node:v1.31.0`;
  await docker('tag', NODE_IMAGE, pushed);
  await docker('push', pushed);
  const digest = (await docker('image', 'inspect', '--format', '{{range .RepoDigests}}{{println .}}{{end}}', pushed)).split('\n').find((d) => d.startsWith(`127.0.0.1:${PORT}/`))!.split('@')[1]!;
  await docker('rmi', pushed, `127.0.0.1:${PORT}/kindest/node@${digest}`).catch(() => undefined);
  nodeImage = `kindest/node:v1.31.0@${digest}`;
  path = `${kindStandIn(nodeImage)}:${process.env.PATH}`;
  project = writeTree({
    'sew.yaml': [
      `kind:\n  name: ${CLUSTER}`,
      'images:\n  registries:',
      `    upstream.test:${PORT}: {url: "http://upstream.test:${PORT}"}`,
      // Docker Hub cannot be reached here: its kindest/node is served by the upstream.
      `    docker.io: {url: "http://upstream.test:${PORT}"}`,
      `  preload:\n    refs: [upstream.test:${PORT}/team/app:1]\n`,
    ].join('\n'),
  });
});

afterAll(async () => {
  await removeContainers(NODE);
  await Promise.all([upstream?.remove(), removeRegistries(), ...made.map((ref) => docker('rmi', ref).catch(() => undefined))]);
});

async function up(home: string) {
  const run = await cli(['up', '--json'], project, { HOME: project, SEW_HOME: home, KUBECONFIG: join(home, 'kubeconfig'), PATH: path });
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

async function nodePulls(ref: string): Promise<string> {
  await docker('exec', NODE, '/bin/ctr', '-n', 'k8s.io', 'images', 'pull', '--snapshotter', 'native', '--hosts-dir', '/etc/containerd/certs.d', ref);
  const row = (await docker('exec', NODE, '/bin/ctr', '-n', 'k8s.io', 'images', 'ls')).split('\n').find((line) => line.split(/\s+/)[0] === ref);
  return row?.match(/sha256:[a-f0-9]{64}/)?.[0] ?? '';
}

describe('a warm job', () => {
  it('cold run fetches the node image and the preload; warm run from the cache paths fetches nothing', async () => {
    const first = tempDir('sew-home-');
    const cold = await up(first);
    const localTag = cold.plan.nodeImage.stored.localTag;
    made.push(localTag);
    expect(cold.plan.nodeImage).toMatchObject({ ref: `docker.io/${nodeImage}`, source: 'kind default' });
    expect(cold.nodeImage).toMatchObject({ stored: 'copied', daemon: 'loaded', image: localTag });
    expect(cold.fetched.nodeImage).toBeGreaterThan(1_000_000);
    expect(cold.fetched.preload).toBe(app.blobs.reduce((sum, b) => sum + b.size, 0));
    expect(cold.fetched.total).toBe(cold.fetched.nodeImage + cold.fetched.preload);
    expect(await docker('inspect', '--format', '{{.Config.Image}}', NODE)).toBe(localTag);

    // What a CI system caches: the registry data and the node image's own entry.
    const paths = [...cold.plan.cachePaths, ...cold.plan.separateCaches.flatMap((e: { paths: string[] }) => e.paths)];
    expect(paths).toContain(join(first, 'node-image'));
    expect((await cli(['down', '--sew-home', first], project, { HOME: project, PATH: path })).code).toBe(0);
    expect((await cli(['cache-prune', '--sew-home', first], project, { HOME: project, PATH: path })).code).toBe(0);
    const second = tempDir('sew-home-');
    for (const cached of paths) await cp(cached, join(second, relative(first, cached)), { recursive: true });

    await docker('rmi', localTag);
    await upstream.stop();
    try {
      const warm = await up(second);
      expect(warm.fetched).toEqual({ preload: 0, nodeImage: 0, tools: 0, total: 0 });
      expect(warm.nodeImage).toMatchObject({ stored: 'hit', daemon: 'loaded', image: localTag, bytesFetched: 0 });
      expect(warm.cluster).toMatchObject({ name: CLUSTER, action: 'created' });
      expect(await docker('image', 'inspect', '--format', '{{.Id}}', localTag)).toMatch(/^sha256:/);
      expect(await nodePulls(`upstream.test:${PORT}/team/app:1`)).toBe(app.digest);
    } finally {
      await upstream.start();
    }
  });
});
