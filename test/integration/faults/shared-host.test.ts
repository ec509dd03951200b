// Two $SEW_HOMEs on one Docker host (a self-hosted runner with parallel jobs): each gets its
// own registries, post and `down` touch only their own, and a Kind cluster one home made is
// never reused or deleted by the other. Kind itself is the recorded stand-in.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectEngine } from '../../../src/core/docker/dockerode-engine.js';
import { stopRegistries } from '../../../src/core/adapters/containers/stop.js';
import { defaultDeps } from '../../../src/core/default-deps.js';
import { homeIdentity } from '../../../src/core/home/identity.js';
import { localRegistryPort } from '../../../src/core/home/names.js';
import { down } from '../../../src/core/down.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { upFlow } from '../../support/up-flow.js';
import { cli } from '../../support/cli.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { recordedExec } from '../../support/recorded-exec.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeRegistries, requireWorld } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const one = image([textLayer('home-one')], undefined, 'one');
const two = image([textLayer('home-two')], undefined, 'two');
let upstream: Upstream;
let node: Node | undefined;

const sewYaml = (ref: string) =>
  `kind:\n  name: shared\nimages:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${ref}]\n`;

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/one', '1', one);
  await pushManifest(upstream, 'team/two', '1', two);
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), node?.remove(), removeRegistries()]);
});

async function servedDigest(registry: string, repository: string): Promise<string | null> {
  const response = await fetch(`${registry}/v2/upstream.test_5900/${repository}/manifests/1`, { method: 'HEAD', headers: { accept: one.mediaType } });
  return response.ok ? response.headers.get('docker-content-digest') : null;
}

describe('two homes on one Docker host', () => {
  it('run at once, each served by its own preload registry; down and post of one leave the other running', async () => {
    const homes = [tempDir('sew-home-a-'), tempDir('sew-home-b-')];
    // A's mirror data lies outside its home: purge must leave it.
    const outside = tempDir('mirrors-outside-');
    const projects = [
      writeTree({ 'sew.yaml': `${sewYaml('upstream.test:5900/team/one:1')}  mirrors:\n    data: ${outside}\n    upstreams: [upstream.test:5900]\n` }),
      writeTree({ 'sew.yaml': sewYaml('upstream.test:5900/team/two:1') }),
    ];
    const runs = await Promise.all(homes.map((home, i) => cli(['up', '--no-cluster', '--json'], projects[i]!, { SEW_HOME: home, PATH: process.env.PATH })));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    const [a, b] = runs.map((r) => JSON.parse(r.stdout));
    expect(a.plan.preload.container).not.toBe(b.plan.preload.container);
    expect(a.preload.registry).not.toBe(b.preload.registry);
    expect(await servedDigest(a.preload.registry, 'team/one')).toBe(one.digest);
    expect(await servedDigest(b.preload.registry, 'team/two')).toBe(two.digest);
    expect(await servedDigest(a.preload.registry, 'team/two')).toBeNull();

    // The post step of B's job stops B's registries only.
    expect(await stopRegistries(await connectEngine(process.env), b.plan.home.id)).toEqual([b.plan.preload.container]);
    expect(await docker('inspect', '--format', '{{.State.Running}}', a.plan.preload.container)).toBe('true');

    const noCluster = recordedExec('kind', () => ({}));
    const purged = await down({ sewHome: homes[0]!, env: process.env, purge: true }, { ...defaultDeps(process.env, noCluster), reporter: silentReporter });
    expect([...purged.removedContainers].sort()).toEqual([a.plan.preload.container, ...a.mirrors.map((m: { container: string }) => m.container)].sort());
    expect(purged.keptData).toContain(join(outside, 'data', 'upstream.test:5900'));
    expect(existsSync(join(outside, 'data', 'upstream.test:5900'))).toBe(true);
    await expect(docker('inspect', a.plan.preload.container)).rejects.toThrow();
    expect(existsSync(join(homes[0]!, 'preload'))).toBe(false);
    expect(await docker('inspect', '--format', '{{.Config.Labels}}', b.plan.preload.container)).toContain(b.plan.home.id);
    expect(existsSync(join(homes[1]!, 'preload', 'docker'))).toBe(true);
  });

  it('a Kind cluster made by another home is neither reused nor deleted', async () => {
    const [owner, other] = [tempDir('sew-home-owner-'), tempDir('sew-home-other-')];
    const project = writeTree({ 'sew.yaml': sewYaml('upstream.test:5900/team/one:1') });
    const deps = (exists: boolean) => {
      const exec = recordedExec('kind', ({ args }) => (args[1] === 'clusters' ? { stdout: exists ? 'shared\n' : '' } : args[1] === 'nodes' ? { stdout: 'shared-control-plane\n' } : {}));
      return { ...defaultDeps(process.env, exec), exec, reporter: silentReporter };
    };
    const options = (home: string) => ({ cwd: project, env: { ...process.env, HOME: dirname(home), KUBECONFIG: '' }, sewHome: home, cluster: true, wait: '60s' });
    const made = await upFlow(options(owner), deps(false));
    expect(made.cluster?.action).toBe('created');
    // What Kind would have made from the owner's config: a node reading the owner's hosts dir.
    node = await startNode({ name: 'shared-control-plane', hostsDir: made.plan.hostsDir });

    await expect(upFlow(options(other), deps(true))).rejects.toThrow(
      `Kind cluster shared belongs to another sew-ci home (its nodes read containerd hosts from ${made.plan.hostsDir}): not reused; choose another cluster name`,
    );
    const refused = deps(true);
    await expect(down({ sewHome: other, env: process.env, name: 'shared', purge: false }, { ...refused, reporter: silentReporter })).rejects.toThrow('not deleted');
    expect(refused.exec.calls.map((c) => c.args)).not.toContainEqual(['delete', 'cluster', '--name', 'shared']);
    expect((await upFlow(options(owner), deps(true))).cluster?.action).toBe('reused');
  });

  it('a home’s local registry port, taken by another process, moves to a free one that the report and hosts.toml name', async () => {
    const home = tempDir('sew-home-local-');
    const port = localRegistryPort(homeIdentity(home, process.env));
    const holder = createServer();
    await new Promise<void>((done) => holder.listen(port, '127.0.0.1', done));
    try {
      const run = await cli(['up', '--no-cluster', '--json'], writeTree({ 'sew.yaml': 'images:\n  local: {}\n' }), { SEW_HOME: home, PATH: process.env.PATH });
      expect(run.code, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.plan.local.port).toBe(port);
      const moved = Number(report.local.pushTarget.split(':')[1]);
      expect(moved).not.toBe(port);
      expect(report.local).toEqual({ pushTarget: `localhost:${moved}`, url: `http://127.0.0.1:${moved}` });
      expect(readFileSync(join(home, 'mirrors', 'hosts', `localhost:${moved}`, 'hosts.toml'), 'utf8')).toContain(`[host."http://${report.plan.local.container}:5000"]`);
      expect((await fetch(`${report.local.url}/v2/`)).status).toBe(200);
    } finally {
      holder.close();
    }
  });
});
