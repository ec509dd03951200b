// Pull-through mirrors with real registries and a real containerd node.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeContainers, requireWorld, waitFor } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const MIRROR = 'sew-mirror-upstream-test-5900';
const SECRET = 'correct-horse-battery-staple-7f3a';
const app = image([textLayer('mirror-base', 30), textLayer('mirror-app')], undefined, 'app');
const tool = image([textLayer('mirror-tool')], undefined, 'tool');

let upstream: Upstream;
let node: Node;
let home: string;
let project: string;
const env = () => ({ SEW_HOME: home, HOME: join(home, '..'), SEW_TEST_PASS: SECRET, PATH: process.env.PATH });
const up = (...args: string[]) => cli(['up', '--no-cluster', '--json', ...args], project, env());

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/app', '2.0', app);
  await pushManifest(upstream, 'team/tool', '1', tool);
  // The default home (HOME/.sew): sew's own container names and ports.
  home = join(tempDir('sew-home-'), '.sew');
  project = writeTree({
    'sew.yaml': [
      'images:',
      '  registries:',
      '    upstream.test:5900: {url: "http://upstream.test:5900", username: bot, password: "${SEW_TEST_PASS}"}',
      '  mirrors:',
      '    upstreams: [upstream.test:5900]',
      '',
    ].join('\n'),
  });
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), node?.remove(), removeContainers(MIRROR, 'sew-mirror-docker-io', 'sewtest-aged-control')]);
});

describe('mirrors', () => {
  let first: { stdout: string; stderr: string };

  it('start a proxy per upstream, on 127.0.0.1 only', async () => {
    first = await up();
    expect(JSON.parse(first.stdout).mirrors).toContainEqual(expect.objectContaining({ host: 'upstream.test:5900', container: MIRROR }));
    const ports = JSON.parse(await docker('inspect', '--format', '{{json .HostConfig.PortBindings}}', MIRROR));
    expect(ports['5000/tcp'].map((b: { HostIp: string }) => b.HostIp)).toEqual(['127.0.0.1']);
    expect(await docker('inspect', '--format', '{{.HostConfig.RestartPolicy.Name}}', MIRROR)).toBe('unless-stopped');
    const hosts = readFileSync(join(home, 'mirrors', 'hosts', 'upstream.test:5900', 'hosts.toml'), 'utf8');
    expect(hosts).toContain('server = "http://upstream.test:5900"');
    expect(hosts).toContain(`[host."http://${MIRROR}:5000"]`);
  });

  it('serve an image that was never preloaded, and again with the upstream down', async () => {
    node = await startNode({ name: 'sewtest-node-mirror', hostsDir: join(home, 'mirrors', 'hosts') });
    expect(await node.pull('upstream.test:5900/team/app:2.0')).toBe(app.digest);
    await upstream.stop();
    await node.clearImages();
    expect(await node.pull('upstream.test:5900/team/app:2.0')).toBe(app.digest);
    await expect(node.pull('upstream.test:5900/team/tool:1')).rejects.toThrow();
    await upstream.start();
    // The proxy saves its expiry state every few seconds; later tests age it.
    await waitFor(async () => existsSync(join(home, 'mirrors', 'data', 'upstream.test:5900', 'scheduler-state.json')), 'the proxy scheduler state', 20_000);
  });

  it('fall back to the upstream when the mirror is down', async () => {
    await docker('stop', '-t', '1', MIRROR);
    await node.clearImages();
    expect(await node.pull('upstream.test:5900/team/tool:1')).toBe(tool.digest);
    await docker('start', MIRROR);
  });

  it('keep the upstream password out of every file, output and label, in the proxy’s environment only', async () => {
    const everything = [first.stdout, first.stderr, ...filesUnder(home).map((f) => readFileSync(f, 'latin1'))].join('\n');
    expect(everything).not.toContain(SECRET);
    const labels = await docker('inspect', '--format', '{{json .Config.Labels}}', MIRROR);
    expect(labels).not.toContain(SECRET);
    const containerEnv = await docker('inspect', '--format', '{{json .Config.Env}}', MIRROR);
    expect(containerEnv).toContain(`REGISTRY_PROXY_PASSWORD=${SECRET}`);
  });

  it('replace a stale proxy container with other settings, keeping its data', async () => {
    await removeContainers(MIRROR);
    const stale = await docker('run', '-d', '--name', MIRROR, '--network', 'kind', '-e', 'REGISTRY_PROXY_REMOTEURL=http://elsewhere.test:1', '--mount', `type=bind,source=${join(home, 'mirrors', 'data', 'upstream.test:5900')},target=/var/lib/registry`, 'registry:2');
    const again = await up();
    expect(again.code, again.stderr).toBe(0);
    const now = await docker('inspect', '--format', '{{.Id}} {{json .Config.Env}}', MIRROR);
    expect(now.startsWith(stale)).toBe(false);
    expect(now).toContain('REGISTRY_PROXY_REMOTEURL=http://upstream.test:5900');
    await upstream.stop();
    await node.clearImages();
    expect(await node.pull('upstream.test:5900/team/app:2.0')).toBe(app.digest);
    await upstream.start();
  });

  it('keep serving a restored cache whose proxy state is over a week old', async () => {
    await removeContainers(MIRROR);
    const data = join(home, 'mirrors', 'data', 'upstream.test:5900');
    const statePath = join(data, 'scheduler-state.json');
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, { ExpiryData: string }>;
    expect(Object.keys(state).length).toBeGreaterThan(0);
    const aged = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
    for (const entry of Object.values(state)) entry.ExpiryData = aged;
    writeFileSync(statePath, JSON.stringify(state));

    // Control: the same aged data under a plain proxy empties itself at start, so once the
    // upstream is gone it cannot serve.
    const control = tempDir('aged-');
    execFileSync('cp', ['-a', `${data}/.`, control]);
    await docker('run', '-d', '--name', 'sewtest-aged-control', '--network', 'kind', '-e', 'REGISTRY_PROXY_REMOTEURL=http://upstream.test:5900', '--mount', `type=bind,source=${control},target=/var/lib/registry`, 'registry:2');
    const layer = app.blobs.at(-1)!.digest.slice('sha256:'.length);
    await waitFor(async () => !existsSync(join(control, 'docker', 'registry', 'v2', 'blobs', 'sha256', layer.slice(0, 2), layer, 'data')), 'the control proxy to expire its content', 20_000);

    const again = await up();
    expect(again.code, again.stderr).toBe(0);
    await upstream.stop();
    await node.clearImages();
    expect(await node.pull('upstream.test:5900/team/app:2.0')).toBe(app.digest);
    await upstream.start();
  });

  it('serve the cache when the upstream is down as the mirror starts', async () => {
    await removeContainers(MIRROR);
    await upstream.stop();
    const again = await up();
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('warning: mirror upstream.test:5900: proxy cannot start');
    await node.clearImages();
    expect(await node.pull('upstream.test:5900/team/app:2.0')).toBe(app.digest);
    await upstream.start();
    // Back online, the next run restores the proxy.
    await up();
    expect(await docker('inspect', '--format', '{{json .Config.Env}}', MIRROR)).toContain('REGISTRY_PROXY_REMOTEURL=http://upstream.test:5900');
  });
});

describe('without mirrors or preload', () => {
  it('--skip-preload leaves mirrors on', async () => {
    const { stdout } = await cli(['up', '--no-cluster', '--json', '--skip-preload'], writeTree({ 'sew.yaml': 'images:\n  mirrors:\n    upstreams: [upstream.test:5900]\n  preload:\n    refs: [upstream.test:5900/team/app:2.0]\n' }), env());
    const report = JSON.parse(stdout);
    expect(report.preload.images).toEqual([]);
    expect(report.mirrors.map((m: { host: string }) => m.host)).toContain('upstream.test:5900');
  });

  it('writes no hosts dir and no mounts', async () => {
    const bare = tempDir('sew-home-');
    const { code, stdout } = await cli(['up', '--no-cluster', '--json'], writeTree({ 'sew.yaml': 'kind:\n  name: bare\n' }), { SEW_HOME: bare, PATH: process.env.PATH });
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.hostsFiles).toEqual([]);
    expect(report.plan.kindConfig.nodes).toEqual([{ role: 'control-plane' }]);
    expect(readdirSync(bare)).toEqual([]);
  });
});
