// Kind cannot run here (no kind binary, no privileged containers): the kind calls go to a
// recorded stand-in behind the Exec port, while everything else is real, including a
// containerd node named like a Kind node for the reuse path.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultDeps } from '../../../src/core/default-deps.js';
import { down } from '../../../src/core/down.js';
import { writeClusterState } from '../../../src/core/adapters/kind/state-files.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { upFlow } from '../../support/up-flow.js';
import { recordedExec, type Script } from '../../support/recorded-exec.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, requireWorld, removeRegistries } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const app = image([textLayer('kind-app')], undefined, 'kind');
let upstream: Upstream;
let node: Node | undefined;
let project: string;

const sewYaml = 'kind:\n  name: sewtest\nimages:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/app:1]\n';

function run(home: string, script: Script) {
  const exec = recordedExec('kind', script);
  const deps = { ...defaultDeps(process.env, exec), reporter: silentReporter };
  const options = { cwd: project, env: { ...process.env, HOME: join(home, 'user'), KUBECONFIG: '' }, sewHome: home, cluster: true, wait: '90s' };
  return { exec, deps, up: () => upFlow(options, deps) };
}

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/app', '1', app);
  project = writeTree({ 'sew.yaml': sewYaml });
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), node?.remove(), removeRegistries()]);
});

describe('Kind', () => {
  it('creates the cluster with the plan’s config and records its state', async () => {
    const home = tempDir('sew-home-');
    const { exec, up: go } = run(home, () => ({}));
    const result = await go();
    const kindCalls = exec.calls.filter((c) => c.command === 'kind').map((c) => c.args);
    const configPath = join(home, 'clusters', 'sewtest.kind.yaml');
    expect(kindCalls).toEqual([
      // Checked before any registry starts.
      ['version'],
      ['get', 'clusters'],
      ['create', 'cluster', '--name', 'sewtest', '--config', configPath, '--wait', '90s'],
    ]);
    expect(parse(readFileSync(configPath, 'utf8'))).toEqual(result.plan.kindConfig);
    expect(result.plan.kindConfig.nodes[0]).toMatchObject({ extraMounts: [{ hostPath: join(home, 'mirrors', 'hosts'), containerPath: '/etc/containerd/certs.d' }] });
    expect(result.cluster).toEqual({ name: 'sewtest', action: 'created', kubeconfig: join(home, 'user', '.kube', 'config'), state: join(home, 'clusters', 'sewtest.yaml') });
    expect(parse(readFileSync(join(home, 'clusters', 'sewtest.yaml'), 'utf8'))).toMatchObject({ name: 'sewtest', kindConfig: configPath, createdBy: 'sew-ci' });
  });

  it('reuses an existing cluster: nothing recreated, its nodes get the hosts files', async () => {
    const home = tempDir('sew-home-');
    // This home's cluster, from a run whose hosts dir was elsewhere (mirrors.data since moved):
    // its node reads an empty directory.
    const created = { name: 'sewtest', kubeconfig: join(home, 'kubeconfig'), kindConfig: join(home, 'clusters', 'sewtest.kind.yaml'), createdAt: new Date().toISOString(), createdBy: 'sew-ci' as const };
    await writeClusterState(join(home, 'clusters', 'sewtest.yaml'), created);
    node = await startNode({ name: 'sewtest-control-plane', hostsDir: tempDir('empty-certs-'), readOnly: false });
    const { exec, up: go } = run(home, ({ args }) =>
      args[0] === 'get' && args[1] === 'clusters' ? { stdout: 'sewtest\n' } : args[1] === 'nodes' ? { stdout: 'sewtest-control-plane\n' } : {},
    );
    const result = await go();
    expect(result.cluster?.action).toBe('reused');
    expect(exec.calls.filter((c) => c.command === 'kind').map((c) => c.args[0])).toEqual(['version', 'get', 'get']);
    await upstream.stop();
    expect(await node.pull('upstream.test:5900/team/app:1')).toBe(app.digest);
    await upstream.start();
  });

  it('down deletes the cluster and its state, and keeps the registries', async () => {
    const home = tempDir('sew-home-');
    const { up: go } = run(home, () => ({}));
    const { plan } = await go();
    const exec = recordedExec('kind', ({ args }) => (args[1] === 'clusters' ? { stdout: 'sewtest\n' } : {}));
    const result = await down({ sewHome: home, env: process.env, purge: false }, { ...defaultDeps(process.env, exec), reporter: silentReporter });
    expect(result).toMatchObject({ name: 'sewtest', cluster: 'deleted', removedContainers: [] });
    expect(exec.calls.map((c) => c.args)).toContainEqual(['delete', 'cluster', '--name', 'sewtest']);
    expect(existsSync(join(home, 'clusters', 'sewtest.yaml'))).toBe(false);
    expect(await docker('inspect', '--format', '{{.State.Running}}', plan.preload.container)).toBe('true');
    expect(existsSync(join(home, 'preload'))).toBe(true);
  });

  it('down --purge removes the registries and their data too', async () => {
    const home = tempDir('sew-home-');
    const { up: go } = run(home, () => ({}));
    const { plan } = await go();
    const exec = recordedExec('kind', () => ({ stdout: '' }));
    const result = await down({ sewHome: home, env: process.env, purge: true }, { ...defaultDeps(process.env, exec), reporter: silentReporter });
    expect(result.cluster).toBe('absent');
    expect(result.removedContainers).toContain(plan.preload.container);
    expect(existsSync(join(home, 'preload'))).toBe(false);
    expect(existsSync(plan.hostsDir)).toBe(false);
    expect(result.removedData).toContain(plan.hostsDir);
    await expect(docker('inspect', plan.preload.container)).rejects.toThrow();
  });
});
