// The registries' lifecycle over the in-memory engine: what is kept, replaced or created,
// what a taken port or a crash loop says, which containers a home stops, how mirrors degrade.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchPreloadRegistry } from '../../../src/core/adapters/containers/preload-registry.js';
import { ensureRegistry, HOME_LABEL, MANAGED_LABEL, waitForRegistry, type RegistrySpec } from '../../../src/core/adapters/containers/registry.js';
import { stopRegistries } from '../../../src/core/adapters/containers/stop.js';
import { ensureMirrors } from '../../../src/core/adapters/containers/mirrors.js';
import type { LocalContainer } from '../../../src/core/local/local-registry.js';
import { onPlannedPort } from '../../../src/core/adapters/containers/planned-port.js';
import type { Plan } from '../../../src/core/plan.js';
import { MemoryEngine, type MemoryEngineOptions } from '../../support/memory-engine.js';
import { tempDir } from '../../support/tree.js';

let root: string;
let registry: Server;
/** A port where a registry answers /v2/: where every container the engine starts is published. */
let answering: number;

beforeAll(async () => {
  root = tempDir('sew-lifecycle-');
  registry = createServer((req, res) => res.writeHead(req.url === '/v2/' ? 200 : 404).end());
  await new Promise<void>((done) => registry.listen(0, '127.0.0.1', done));
  answering = (registry.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((done) => registry.close(done));
});

const world = (options: MemoryEngineOptions = {}) => new MemoryEngine({ images: ['registry:2'], networks: ['kind'], freePort: () => answering, ...options });
const spec = (overrides: Partial<RegistrySpec> = {}): RegistrySpec => ({ name: 'sew-preload', role: 'preload', home: 'h1', image: 'registry:2', dataDir: join(root, 'preload'), network: 'kind', ...overrides });

describe('ensureRegistry', () => {
  const cases: { name: string; before?: (engine: MemoryEngine) => Promise<void>; action: string; calls?: string[] }[] = [
    { name: 'nothing there: created', action: 'created' },
    { name: 'running as specified: kept after one inspect', before: async (e) => void (await ensureRegistry(e, spec())), action: 'kept', calls: ['inspect sew-preload'] },
    { name: 'running with another image: replaced', before: async (e) => void (await ensureRegistry(e, spec({ image: 'registry:2.8' }))), action: 'replaced' },
    { name: 'running for another data directory: replaced', before: async (e) => void (await ensureRegistry(e, spec({ dataDir: join(root, 'other') }))), action: 'replaced' },
    { name: 'stopped: replaced', before: async (e) => { await ensureRegistry(e, spec()); await e.stop('sew-preload'); }, action: 'replaced' },
    { name: 'restarting: replaced', before: async (e) => { await ensureRegistry(e, spec()); e.set('sew-preload', { restarting: true, status: 'restarting' }); }, action: 'replaced' },
  ];
  it.each(cases)('$name', async ({ before, action, calls }) => {
    const engine = world({ images: ['registry:2', 'registry:2.8'] });
    await before?.(engine);
    engine.calls.length = 0;
    const running = await ensureRegistry(engine, spec());
    expect(running).toMatchObject({ name: 'sew-preload', action, url: `http://127.0.0.1:${answering}`, networkUrl: 'http://sew-preload:5000' });
    if (calls) expect(engine.calls).toEqual(calls);
    expect([...engine.containers.keys()]).toEqual(['sew-preload']);
    expect(engine.containers.get('sew-preload')!.state).toMatchObject({ running: true, labels: { [MANAGED_LABEL]: 'true', [HOME_LABEL]: 'h1' } });
  });

  it.each([
    { name: 'present: no pull', options: {}, pulled: [] as string[] },
    { name: 'missing, pullable: pulled once', options: { images: [], pullable: ['registry:2'] }, pulled: ['registry:2'] },
  ])('registry image $name', async ({ options, pulled }) => {
    const engine = world(options);
    const told: string[] = [];
    await ensureRegistry(engine, spec(), { onPull: (image) => told.push(image) });
    expect(told).toEqual(pulled);
    expect(engine.calls.filter((c) => c.startsWith('pull'))).toEqual(pulled.map((p) => `pull ${p}`));
  });

  it('a registry image that cannot be pulled fails with the reason', async () => {
    await expect(ensureRegistry(world({ images: [] }), spec())).rejects.toThrow('image registry:2 is not present locally and cannot be pulled: pull access denied (HTTP 404)');
  });

  it('the kind network is created when missing', async () => {
    const engine = world({ networks: [] });
    await ensureRegistry(engine, spec());
    expect(engine.networks.has('kind')).toBe(true);
  });
});

describe('a fixed host port already taken', () => {
  it.each([
    { by: 'a container', holder: true, portsInUse: [], message: 'port 127.0.0.1:5959 for sew-local is already taken by container sewtest-holder' },
    { by: 'another process', holder: false, portsInUse: [5959], message: 'port 127.0.0.1:5959 for sew-local is already taken by another process' },
  ])('by $by: named, and no container is left', async ({ holder, portsInUse, message }) => {
    const engine = world({ portsInUse });
    if (holder) await ensureRegistry(engine, spec({ name: 'sewtest-holder', role: 'local', hostPort: 5959, dataDir: join(root, 'holder') }));
    const failure = ensureRegistry(engine, spec({ name: 'sew-local', role: 'local', hostPort: 5959, dataDir: join(root, 'local') }));
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ failure: 'port-taken' });
    expect(engine.containers.has('sew-local')).toBe(false);
  });
});

describe('the local registry on its planned port', () => {
  const planned = (portMayMove: boolean): LocalContainer => ({ kind: 'container', container: 'sew-local', port: 5959, portMayMove, host: 'localhost:5959', pushTarget: 'localhost:5959', data: join(root, 'local'), cache: false });
  it.each([
    { name: 'a port the home picked moves to a free one, saying why', portMayMove: true, port: () => answering, notes: ['port 127.0.0.1:5959 for sew-local is already taken by another process; taking a free port instead'] },
    { name: "the user's port fails the run", portMayMove: false, port: undefined, notes: [] },
  ])('taken: $name', async ({ portMayMove, port, notes }) => {
    const engine = world({ portsInUse: [5959] });
    const noted: string[] = [];
    const start = onPlannedPort(planned(portMayMove), (hostPort) => ensureRegistry(engine, spec({ name: 'sew-local', role: 'local', dataDir: join(root, 'local'), ...(hostPort !== undefined && { hostPort }) })), (m) => noted.push(m));
    if (port) expect((await start).hostPort).toBe(port());
    else await expect(start).rejects.toThrow('port 127.0.0.1:5959 for sew-local is already taken by another process');
    expect(noted).toEqual(notes);
  });
});

describe('a registry in a crash loop', () => {
  const crashes = () => ['time="..." level=info msg="starting"', 'panic: invalid configuration', 'goroutine 1 [running]:'];

  it('at start: its panic line is the error', async () => {
    await expect(ensureRegistry(world({ crashes }), spec())).rejects.toThrow('registry sew-preload exits at start: panic: invalid configuration');
  });

  it('while waited for: the wait stops at once with its last log line', async () => {
    const engine = world();
    await ensureRegistry(engine, spec());
    engine.set('sew-preload', { restarting: true, restartCount: 2 });
    engine.containers.get('sew-preload')!.logs.push('level=fatal msg="cannot reach upstream"');
    const closed = await closedPort();
    const started = Date.now();
    await expect(waitForRegistry(`http://127.0.0.1:${closed}`, 30_000, { engine, name: 'sew-preload' })).rejects.toThrow('registry sew-preload exits at start: level=fatal msg="cannot reach upstream"');
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('stopRegistries', () => {
  it.each([
    { home: 'h1', only: undefined, stopped: ['sew-preload', 'sew-mirror-docker-io'] },
    { home: 'h1', only: ['sew-preload'], stopped: ['sew-preload'] },
    { home: 'h2', only: undefined, stopped: ['sew-preload--h2'] },
    { home: 'h3', only: undefined, stopped: [] },
  ])('home $home, only $only: stops $stopped and nothing else', async ({ home, only, stopped }) => {
    const engine = world();
    await ensureRegistry(engine, spec());
    await ensureRegistry(engine, spec({ name: 'sew-mirror-docker-io', role: 'mirror', dataDir: join(root, 'mirror') }));
    await ensureRegistry(engine, spec({ name: 'sew-preload--h2', home: 'h2', dataDir: join(root, 'h2') }));
    expect(await stopRegistries(engine, home, only)).toEqual(stopped);
    const running = [...engine.containers.values()].filter((c) => c.state.running).map((c) => c.state.name);
    expect(running.sort()).toEqual(['sew-mirror-docker-io', 'sew-preload', 'sew-preload--h2'].filter((n) => !stopped.includes(n)).sort());
  });
});

describe('mirrors', () => {
  const proxyCrash = (spec: { env: Readonly<Record<string, string>> }) => (spec.env.REGISTRY_PROXY_REMOTEURL ? ['panic: cannot reach upstream'] : undefined);
  it.each([
    { name: 'the proxy starts', crashes: undefined, expected: { url: `http://127.0.0.1:PORT` }, env: ['REGISTRY_PROXY_REMOTEURL'] },
    { name: 'the proxy exits at start: its cache is served', crashes: proxyCrash, expected: { url: `http://127.0.0.1:PORT`, degraded: 'proxy cannot start (registry sew-mirror-docker-io exits at start: panic: cannot reach upstream); serving its cache only' }, env: [] },
    { name: 'nothing starts: reported, nodes fall back', crashes: () => ['panic: bad disk'], expected: { problem: 'registry sew-mirror-docker-io exits at start: panic: bad disk (see `docker logs sew-mirror-docker-io`); nodes fall back to the upstream' }, env: undefined },
  ])('$name', async ({ crashes, expected, env }) => {
    const engine = world({ ...(crashes && { crashes }) });
    const mirrors = await ensureMirrors(engine, {
      entries: [{ host: 'docker.io', endpoints: ['local'], container: 'sew-mirror-docker-io', storage: join(root, 'mirrors', 'data', 'docker.io') }, { host: 'quay.io', endpoints: ['https://quay.io'] }],
      registryImage: 'registry:2',
      home: 'h1',
      upstreamUrl: () => 'https://registry-1.docker.io',
      credentials: async () => ({ username: 'u', password: 'secret' }),
    });
    const withPort = JSON.parse(JSON.stringify(expected).replaceAll('PORT', String(answering))) as object;
    expect(mirrors).toEqual([{ host: 'docker.io', container: 'sew-mirror-docker-io', dataDir: join(root, 'mirrors', 'data', 'docker.io'), ...withPort }]);
    const running = engine.containers.get('sew-mirror-docker-io');
    if (env === undefined) expect(running?.state.restarting).toBe(true);
    else expect(Object.keys(running!.spec.env)).toEqual(env.length ? ['REGISTRY_PROXY_REMOTEURL', 'REGISTRY_PROXY_USERNAME', 'REGISTRY_PROXY_PASSWORD'] : []);
  });
});

describe('the preload registry on a warm run', () => {
  const plan = () => ({ preload: { container: 'sew-preload', data: join(root, 'warm-preload') }, home: { id: 'h1' }, registryImage: 'registry:2', publish: { address: '127.0.0.1', host: '127.0.0.1' } }) as unknown as Plan;

  it('running as specified: one engine call, no image or network check', async () => {
    const engine = world();
    expect((await launchPreloadRegistry(engine, plan(), () => undefined)).action).toBe('created');
    engine.calls.length = 0;
    expect((await launchPreloadRegistry(engine, plan(), () => undefined)).action).toBe('kept');
    expect(engine.calls).toEqual(['inspect sew-preload']);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as { port: number }).port;
  await new Promise((done) => server.close(done));
  return port;
}
