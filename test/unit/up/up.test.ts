// `up`'s orchestration over in-memory ports: which steps run for which plans, in what order,
// what a failing step leaves of the run, and the home's lock around every effect. The plans
// are real ones, resolved from a sew.yaml; only the effects are fakes.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Plan, type PlanOptions } from '../../../src/core/plan.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { up } from '../../../src/core/up.js';
import { disposables } from '../../support/disposables.js';
import { upFlow } from '../../support/up-flow.js';
import { fakePorts, type FakeWorld } from './fake-ports.js';

const scratch = disposables();

const PRELOAD = 'images:\n  preload:\n    refs: [mongo:7, redis:7]\n';
const MIRRORS = 'images:\n  mirrors:\n    upstreams: [docker.io, ghcr.io]\n';
const LOCAL = 'images:\n  local: {}\n';
const EVERYTHING = 'images:\n  local: {}\n  mirrors:\n    upstreams: [docker.io]\n  preload:\n    refs: [mongo:7]\n';

function options(sewYaml: string, extra: Partial<PlanOptions> = {}): PlanOptions {
  const root = scratch.tree({ 'project/sew.yaml': sewYaml });
  // The default home ($HOME/.sew): sew's own names and ports.
  return { cwd: join(root, 'project'), env: { HOME: root }, sewHome: join(root, '.sew'), platform: 'linux/amd64', ...extra };
}

async function run(sewYaml: string, extra: Partial<PlanOptions> = {}, world: FakeWorld = {}) {
  const plan: Plan = await resolvePlan(options(sewYaml, extra));
  const { ports, recorded } = fakePorts(world);
  return { plan, recorded, result: await up(plan, ports) };
}

describe('up runs the steps the plan needs', () => {
  it.each([
    { name: 'nothing declared: the cluster alone', sewYaml: '', extra: {}, steps: ['connect', 'cluster'] },
    { name: 'no preload: no preload registry, no copy', sewYaml: LOCAL, extra: { cluster: false }, steps: ['connect', 'local', 'hosts'] },
    { name: 'preload skipped: refs declared, nothing started for them', sewYaml: PRELOAD, extra: { skipPreload: true, cluster: false }, steps: [] },
    { name: 'mirrors only', sewYaml: MIRRORS, extra: { cluster: false }, steps: ['connect', 'mirrors', 'hosts'] },
    { name: 'mirrors to remote endpoints only: hosts files, no container', sewYaml: 'images:\n  mirrors:\n    upstreams: ["docker.io=https://m.example.com"]\n', extra: {}, steps: ['connect', 'hosts', 'cluster'] },
    { name: 'local only', sewYaml: LOCAL, extra: {}, steps: ['connect', 'local', 'hosts', 'cluster', 'announce'] },
    { name: 'preload, --no-cluster', sewYaml: PRELOAD, extra: { cluster: false }, steps: ['connect', 'preload', 'preload-registry', 'hosts'] },
    { name: 'everything', sewYaml: EVERYTHING, extra: {}, steps: ['connect', 'preload', 'preload-registry', 'mirrors', 'local', 'hosts', 'cluster', 'announce'] },
    { name: 'builds declared, no --build: wired, not run', sewYaml: 'builds:\n  - {name: api, image: "api:dev", pre: ["true"]}\n', extra: { cluster: false }, steps: ['hosts'] },
    { name: '--build: the builds run, into a preload registry', sewYaml: 'builds:\n  - {name: api, image: "api:dev", pre: ["true"]}\n', extra: { cluster: false, build: true }, steps: ['connect', 'builds', 'preload-registry', 'hosts'] },
    { name: 'an external push target: announced, no container', sewYaml: 'images:\n  local:\n    external: ghcr.io/acme\n', extra: {}, steps: ['connect', 'cluster', 'announce'] },
  ])('$name', async ({ sewYaml, extra, steps }) => {
    const { recorded, plan } = await run(sewYaml, extra);
    expect(recorded.steps).toEqual(steps);
    expect(plan.needs.docker).toBe(steps[0] === 'connect');
  });
});

describe('up decides nothing itself', () => {
  const ALL = `${EVERYTHING}builds:\n  - {name: api, image: "api:dev", pre: ["true"]}\n`;
  const FULL = ['connect', 'builds', 'preload', 'preload-registry', 'mirrors', 'local', 'hosts', 'cluster', 'announce'];
  const without = (need: keyof Plan['needs']) => (plan: Plan): Plan => ({ ...plan, needs: { ...plan.needs, [need]: false } });
  it.each([
    { what: 'needs.docker false', change: without('docker'), gone: ['connect'] },
    { what: 'needs.builds false', change: without('builds'), gone: ['builds'] },
    { what: 'needs.preloadImages false', change: without('preloadImages'), gone: ['preload'] },
    { what: 'needs.preloadRegistry false', change: without('preloadRegistry'), gone: ['preload-registry'] },
    { what: 'needs.mirrors false', change: without('mirrors'), gone: ['mirrors'] },
    { what: 'needs.hostsFiles false', change: without('hostsFiles'), gone: ['hosts'] },
    { what: 'needs.cluster false', change: without('cluster'), gone: ['cluster', 'announce'] },
    { what: 'no local registry', change: (plan: Plan): Plan => ({ ...plan, local: null }), gone: ['local', 'announce'] },
    { what: 'an external push target', change: (plan: Plan): Plan => ({ ...plan, local: { kind: 'external', host: 'ghcr.io', pushTarget: 'ghcr.io/acme', cache: false } }), gone: ['local'] },
  ])('$what: $gone left out, every other step run', async ({ change, gone }) => {
    const plan = await resolvePlan(options(ALL, { build: true }));
    const { ports, recorded } = fakePorts();
    await up(plan, ports);
    expect(recorded.steps).toEqual(FULL);
    const changed = fakePorts();
    await up(change(plan), changed.ports);
    expect(changed.recorded.steps).toEqual(FULL.filter((step) => !gone.includes(step)));
  });
});

it('--build with no builds declared: a warning of the plan, nothing built', async () => {
  const { plan, recorded } = await run(PRELOAD, { build: true, cluster: false });
  expect(plan.warnings).toContain('--build: no builds are declared in sew.yaml, nothing to build');
  expect(recorded.steps).not.toContain('builds');
});

describe('up orders its steps', () => {
  it('copies while the (slower) preload registry starts, and waits for it before the mirrors', async () => {
    const { recorded } = await run(EVERYTHING);
    expect(recorded.steps.indexOf('preload')).toBeLessThan(recorded.steps.indexOf('preload-registry'));
    expect(recorded.steps.indexOf('preload-registry')).toBeLessThan(recorded.steps.indexOf('mirrors'));
  });

  it('writes the hosts files before the cluster, whose nodes mount them', async () => {
    const { recorded } = await run(EVERYTHING);
    expect(recorded.steps.indexOf('hosts')).toBeLessThan(recorded.steps.indexOf('cluster'));
    expect(recorded.phases).toEqual(['Connect to Docker', 'Preload images', 'Preload registry', 'Mirrors', 'Local registry', 'containerd hosts', 'Kind cluster', 'Local registry hosting (KEP-1755)']);
  });

  it('a missing kind stops a run that wants a cluster before any registry starts', async () => {
    const { ports, recorded } = fakePorts({ noKind: 'kind is not installed' });
    await expect(up(await resolvePlan(options(EVERYTHING)), ports)).rejects.toThrow('kind is not installed');
    expect(recorded.steps).toEqual([]);
    await expect(up(await resolvePlan(options(EVERYTHING, { cluster: false })), ports)).resolves.toBeDefined();
  });

  it('a container engine that does not answer stops the run before any work', async () => {
    const { ports, recorded } = fakePorts({ engineDown: 'cannot reach the Docker daemon' });
    await expect(up(await resolvePlan(options(EVERYTHING)), ports)).rejects.toThrow('cannot reach the Docker daemon');
    expect(recorded.steps).toEqual([]);
  });

  it('a preload registry that cannot start fails the run before anything reaches the registries', async () => {
    const { ports, recorded } = fakePorts({ preloadRegistryFails: 'registry:2 cannot be pulled' });
    await expect(up(await resolvePlan(options(EVERYTHING)), ports)).rejects.toThrow('registry:2 cannot be pulled');
    expect(recorded.steps).toEqual(['connect', 'preload']);
  });
});

describe('up reports, and goes on past what can fail alone', () => {
  it('an image that fails is listed in `failed`; every other step still runs', async () => {
    const { recorded, result } = await run(EVERYTHING.replace('[mongo:7]', '[mongo:7, redis:7]'), {}, { failing: ['docker.io/library/redis:7'] });
    expect(result.failed).toEqual(['docker.io/library/redis:7']);
    expect(result.preload.images.map((i) => [i.ref, i.source ?? 'failed'])).toEqual([
      ['docker.io/library/mongo:7', 'copied'],
      ['docker.io/library/redis:7', 'failed'],
    ]);
    expect(result.preload.bytesCopied).toBe(10);
    expect(recorded.steps).toEqual(['connect', 'preload', 'preload-registry', 'mirrors', 'local', 'hosts', 'cluster', 'announce']);
    // The same result the report lists is what the progress display was given.
    expect(recorded.events.filter((e) => e.type === 'image-finished').map((e) => e.type === 'image-finished' && e.result)).toEqual(result.preload.images);
  });

  it('a mirror that is not serving is a warning; the run goes on', async () => {
    const { recorded, result } = await run(MIRRORS, {}, { mirrorProblems: { 'ghcr.io': 'upstream unreachable' } });
    expect(recorded.warnings).toEqual(['mirror ghcr.io is not serving: upstream unreachable']);
    expect(result.mirrors.map((m) => [m.host, m.url ?? m.problem])).toEqual([
      ['docker.io', 'http://127.0.0.1:42000'],
      ['ghcr.io', 'upstream unreachable'],
    ]);
    expect(recorded.steps).toEqual(['connect', 'mirrors', 'hosts', 'cluster']);
  });

  it('a reused cluster is reported as reused', async () => {
    const { result, plan } = await run(PRELOAD, {}, { clusterExists: true });
    expect(result.cluster).toEqual({ name: 'sew', action: 'reused', kubeconfig: plan.cluster.kubeconfig, state: plan.cluster.statePath });
  });

  it('a local registry on another port is named with that port in the report, the hosts files and the ConfigMap', async () => {
    const { result, recorded } = await run(LOCAL, {}, { localPort: 20123 });
    expect(result.local).toEqual({ pushTarget: 'localhost:20123', url: 'http://127.0.0.1:20123' });
    expect([...recorded.hostsFiles.keys()]).toEqual(['localhost:20123']);
    expect(recorded.announced).toEqual(['localhost:20123']);
    expect(recorded.infos).toContain('push to localhost:20123 (sew-local created)');
  });
});

describe('the home is locked across every effect', () => {
  it('each step runs while $SEW_HOME/.lock is held, and the lock is gone after', async () => {
    const opts = options(EVERYTHING);
    const lock = join(opts.sewHome!, '.lock');
    const held: Record<string, boolean> = {};
    const { ports, recorded } = fakePorts({ during: (step) => (held[step] = existsSync(lock)) });
    await upFlow(opts, ports);
    expect(recorded.steps).toEqual(['connect', 'preload', 'preload-registry', 'mirrors', 'local', 'hosts', 'cluster', 'announce']);
    expect(Object.keys(held)).toEqual(recorded.steps);
    expect(Object.values(held).every(Boolean)).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });
});

describe('the cache registry', () => {
  const CACHED = 'images:\n  cacheRegistry: ghcr.io/acme/sew-cache\n  preload:\n    refs: [mongo:7, redis:7]\n';
  it.each([
    { name: 'readwrite: what came from the upstreams is written back, started beside what comes after the copy', mode: 'readwrite', world: {}, steps: ['connect', 'preload', 'write-back', 'preload-registry', 'hosts'], written: 2 },
    { name: 'read: nothing is written', mode: 'read', world: {}, steps: ['connect', 'preload', 'preload-registry', 'hosts'], written: undefined },
    { name: 'readwrite, every image failing: nothing to write', mode: 'readwrite', world: { failing: ['docker.io/library/mongo:7', 'docker.io/library/redis:7'] }, steps: ['connect', 'preload', 'preload-registry', 'hosts'], written: undefined },
    { name: 'readwrite, the registry failed the reads: not written either', mode: 'readwrite', world: { cacheRegistryProblem: 'cache registry ghcr.io not used (connection refused)' }, steps: ['connect', 'preload', 'preload-registry', 'hosts'], written: undefined },
  ] as const)('$name', async ({ mode, world, steps, written }) => {
    const { recorded, result } = await run(CACHED, { cluster: false, cacheRegistryMode: mode }, world);
    expect(recorded.steps).toEqual(steps);
    expect(result.cacheRegistry).toMatchObject({ ref: 'ghcr.io/acme/sew-cache', mode });
    expect(result.cacheRegistry?.written?.images).toBe(written);
    if ('cacheRegistryProblem' in world) expect(recorded.warnings).toEqual([world.cacheRegistryProblem]);
  });

  it('no cache registry: no share in the report', async () => {
    const { result } = await run(PRELOAD, { cluster: false });
    expect(result.cacheRegistry).toBeUndefined();
  });
});

describe('the node image before the cluster', () => {
  const PINNED = `kindest/node:v1.31.0@sha256:${'3'.repeat(64)}`;
  const TAG = `docker.io/kindest/node:sew-${'3'.repeat(64)}`;
  it.each([
    { name: 'cold: stored, loaded, kind given the tag the daemon now holds', world: {}, steps: ['connect', 'node-image', `cluster --image ${TAG}`], fetched: 400 },
    { name: 'warm: from the storage, nothing fetched', world: { nodeImageStored: true }, steps: ['connect', 'node-image', `cluster --image ${TAG}`], fetched: 0 },
    { name: 'a daemon that has it: left alone, kind given the pinned ref', world: { nodeImageInDaemon: true }, steps: ['connect', 'node-image', `cluster --image docker.io/${PINNED}`], fetched: 0 },
  ])('$name', async ({ world, steps, fetched }) => {
    const { recorded, result } = await run('', { nodeImage: PINNED }, world);
    expect(recorded.steps).toEqual(steps);
    expect(result.fetched).toEqual({ preload: 0, nodeImage: fetched, tools: 0, total: fetched });
  });

  it('an unpinned node image is not stored: kind is given it as written', async () => {
    const { recorded, plan, result } = await run('', { nodeImage: 'kindest/node:v1.31.0' });
    expect(plan.needs.nodeImage).toBe(false);
    // kind pulls it, or finds it: the report cannot say nothing was fetched.
    expect(result.fetched.kindMayPull).toBe(true);
    expect(recorded.steps).toEqual(['connect', 'cluster --image docker.io/kindest/node:v1.31.0']);
  });

  it('the bytes fetched count preload copies from upstreams, not images from the local daemon', async () => {
    const { result } = await run(PRELOAD, { nodeImage: PINNED, cluster: true });
    expect(result.fetched).toEqual({ preload: 20, nodeImage: 400, tools: 0, total: 420 });
  });

  it('needs.nodeImage false: no node image step, kind chooses', async () => {
    const plan = await resolvePlan(options('', { nodeImage: PINNED }));
    const { ports, recorded } = fakePorts();
    await up({ ...plan, needs: { ...plan.needs, nodeImage: false }, cluster: { ...plan.cluster } }, ports);
    expect(recorded.steps).toEqual(['connect', `cluster --image docker.io/${PINNED}`]);
  });
});
