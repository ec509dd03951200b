// The local registry you push to: `docker push localhost:5050/app` on the host, and a node
// pulling `localhost:5050/app` through hosts.toml; KEP-1755's ConfigMap once the cluster is up.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { defaultDeps } from '../../../src/core/default-deps.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { upFlow } from '../../support/up-flow.js';
import { cli } from '../../support/cli.js';
import { recordedExec } from '../../support/recorded-exec.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, removeContainers, requireWorld } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';

const APP = 'localhost:5050/team/app:dev';
let node: Node | undefined;
let home: string;
let project: string;

beforeAll(async () => {
  await requireWorld();
  // The default home (HOME/.sew): sew's own container names and ports.
  home = join(tempDir('sew-home-'), '.sew');
  project = writeTree({ 'sew.yaml': 'images:\n  local: {}\n' });
});

afterAll(async () => {
  await Promise.all([node?.remove(), removeContainers('sew-local'), docker('rmi', '-f', APP).catch(() => undefined)]);
});

describe('the local registry', () => {
  it('takes a docker push from the host and serves it to nodes as localhost:5050', async () => {
    const { code, stdout, stderr } = await cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, HOME: join(home, '..'), PATH: process.env.PATH });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.local).toEqual({ pushTarget: 'localhost:5050', url: 'http://127.0.0.1:5050' });
    expect(readFileSync(join(home, 'mirrors', 'hosts', 'localhost:5050', 'hosts.toml'), 'utf8')).toContain('[host."http://sew-local:5000"]');
    expect(report.plan.kindConfig.nodes[0].extraMounts).toHaveLength(1);

    // Built in the job: a one-file image, pushed like any other.
    const context = tempDir('app-');
    writeFileSync(join(context, 'app.txt'), 'the application\n');
    execFileSync('tar', ['-C', context, '-cf', join(context, 'rootfs.tar'), 'app.txt']);
    await docker('import', join(context, 'rootfs.tar'), APP);
    await docker('push', APP);
    const pushed = (await fetch('http://127.0.0.1:5050/v2/team/app/manifests/dev', { method: 'HEAD', headers: { accept: 'application/vnd.docker.distribution.manifest.v2+json' } })).headers.get('docker-content-digest');
    expect(pushed).toMatch(/^sha256:/);

    node = await startNode({ name: 'sewtest-node-local', hostsDir: join(home, 'mirrors', 'hosts') });
    expect(await node.pull(APP)).toBe(pushed);
  });

  it('announces itself in kube-public/local-registry-hosting once the cluster is up', async () => {
    const exec = recordedExec('kind', () => ({}));
    const kubectl: typeof exec = {
      calls: exec.calls,
      run: (command, args, options) => (command === 'kubectl' ? (exec.calls.push({ command, args: [...args], input: options?.input ?? '' }), Promise.resolve({ code: 0, stdout: '', stderr: '' })) : exec.run(command, args, options)),
    };
    const result = await upFlow(
      { cwd: project, env: { ...process.env, HOME: join(home, '..'), KUBECONFIG: '' }, sewHome: home, cluster: true },
      { ...defaultDeps(process.env, kubectl), reporter: silentReporter },
    );
    const apply = exec.calls.find((c) => c.command === 'kubectl')!;
    expect(apply.args).toEqual(['--kubeconfig', result.cluster!.kubeconfig, '--context', 'kind-sew', 'apply', '-f', '-']);
    const configMap = parse(apply.input!);
    expect(configMap).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-registry-hosting', namespace: 'kube-public' } });
    expect(parse(configMap.data['localRegistryHosting.v1'])).toMatchObject({ host: 'localhost:5050' });
  });
});
