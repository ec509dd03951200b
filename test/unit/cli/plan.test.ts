import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const project = () =>
  writeTree({
    'reg/base/sew.yaml': 'kind:\n  name: demo\nimages:\n  preload:\n    refs: [mongo:7, docker.elastic.co/elasticsearch/elasticsearch:8.17.0]\n',
    'reg/base/sew--no-es.yaml': 'description: Disable Elasticsearch\nimages:\n  preload:\n    skip: [docker.elastic.co/elasticsearch/elasticsearch:8.17.0]\n',
    'sew.yaml': 'registry: file://./reg\nfrom: [base]\nimages:\n  mirrors:\n    upstreams: [ghcr.io]\n  preload:\n    refs: [bitnami/redis:7.4]\n',
  });

describe('sew-ci plan', () => {
  it('--json prints one object with the resolved plan', async () => {
    const dir = project();
    const { code, stdout, stderr } = await cli(['plan', '--json', '--no-es', '--sew-home', join(dir, 'home')], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.cluster).toMatchObject({ name: 'demo', wait: '60s', kindConfigPath: join(dir, 'home', 'clusters', 'demo.kind.yaml'), statePath: join(dir, 'home', 'clusters', 'demo.yaml') });
    expect(plan.cluster.kubeconfig).toBe(join(dir, '.kube', 'config'));
    // What a run starts, stated once: preload, mirror proxies, hosts files and the cluster; no local registry.
    expect(plan.needs).toEqual({ docker: true, preloadRegistry: true, preloadImages: true, builds: false, mirrors: true, hostsFiles: true, cluster: true, nodeImage: false });
    expect(plan.cachePaths).toEqual([join(dir, 'home', 'preload'), join(dir, 'home', 'mirrors', 'data')]);
    expect(plan.flags).toEqual(['no-es']);
    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/bitnami/redis:7.4']);
    expect(plan.preload.skipped).toEqual(['docker.elastic.co/elasticsearch/elasticsearch:8.17.0']);
    expect(plan.mirrors).toMatchObject({ upstreams: ['docker.io', 'ghcr.io'], data: join(dir, 'home', 'mirrors') });
    expect(plan.hostsDir).toBe(join(dir, 'home', 'mirrors', 'hosts'));
    expect(plan.cacheKey).toMatch(/^sew-v1-/);
    expect(plan.kindConfig).toMatchObject({ kind: 'Cluster', name: 'demo' });
  });

  it('--flag NAME is the same as --NAME', async () => {
    const dir = project();
    const a = await cli(['plan', '--json', '--flag', 'no-es'], dir);
    const b = await cli(['plan', '--json', '--no-es'], dir);
    expect(JSON.parse(a.stdout).cacheKey).toBe(JSON.parse(b.stdout).cacheKey);
  });

  it('prints a readable summary by default', async () => {
    const dir = project();
    const { code, stdout } = await cli(['plan'], dir);
    expect(code).toBe(0);
    expect(stdout).toContain('reg/base/sew.yaml -> sew.yaml');
    expect(stdout).toMatch(/preload\s+3 images into sew-preload/);
    expect(stdout).toMatch(/mirrors\s+docker\.io, ghcr\.io/);
    expect(stdout).toContain('available: --no-es (Disable Elasticsearch)');
  });

  it('--set gives template variables; --json and the summary list what each file declared', async () => {
    const dir = writeTree({
      'reg/db/sew.yaml': 'vars:\n  imageTag:\n    default: "17"\n    description: Image tag\nimages:\n  preload:\n    refs: ["postgres:{{ .imageTag }}"]\n',
      'sew.yaml': 'registry: file://./reg\nfrom: [db]\nvars:\n  name: demo\nkind:\n  name: "{{ .name }}"\n',
    });
    const { code, stdout } = await cli(['plan', '--json', '--set', 'imageTag=16', '--set', 'name=ci'], dir);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.preload.refs).toEqual(['docker.io/library/postgres:16']);
    expect(plan.cluster.name).toBe('ci');
    expect(plan.variables).toEqual([
      { source: 'reg/db/sew.yaml', variables: [{ name: 'imageTag', description: 'Image tag', default: '17', value: '16' }] },
      { source: 'sew.yaml', variables: [{ name: 'name', default: 'demo', value: 'ci' }] },
    ]);
    expect((await cli(['plan', '--set', 'imageTag=16'], dir)).stdout).toMatch(/variables\s+reg\/db\/sew\.yaml: imageTag="16"/);
  });

  it('runs on the embedded default with no sew.yaml', async () => {
    const dir = writeTree({});
    const { code, stdout } = await cli(['plan', '--json'], dir);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ cluster: { name: 'sew' }, embeddedDefault: true, mirrors: { upstreams: ['docker.io'] } });
  });

  it('never prints credentials', async () => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  registries:\n    ghcr.io: {username: bot, password: "${TOKEN}"}\n' });
    const { stdout } = await cli(['plan', '--json'], dir, { TOKEN: 'hunter2-secret' });
    expect(stdout).not.toContain('hunter2-secret');
    expect(stdout).not.toContain('bot');
    expect(JSON.parse(stdout).registries['ghcr.io']).toEqual({ url: 'https://ghcr.io', credentials: true });
  });

  it('warns about a misspelled top-level key on stderr', async () => {
    const dir = writeTree({ 'sew.yaml': 'imagse: {}\n' });
    const { code, stderr } = await cli(['plan', '--json'], dir);
    expect(code).toBe(0);
    expect(stderr).toBe('warning: sew.yaml:1:1: unknown key "imagse" (did you mean "images"?); carried, not used by sew-ci\n');
  });
});

// Option mistakes, help and version: mistakes.test.ts.
describe('exit codes and messages', () => {
  it.each<{ args: string[]; files: Record<string, string>; stderr: string | RegExp }>([
    { args: ['plan', '--config', 'missing.yaml'], files: {}, stderr: 'sew-ci: --config: missing.yaml does not exist\n' },
    { args: ['plan'], files: { 'sew.yaml': 'kind: [\n' }, stderr: /^sew-ci: sew\.yaml:2:1: .+\n$/ },
    { args: ['plan'], files: { 'sew.yaml': 'images:\n  preload:\n    refs: ["Bad:1"]\n' }, stderr: 'sew-ci: sew.yaml:3:12: invalid image reference "Bad:1": repository must be lowercase\n' },
    { args: ['plan', '--set', 'imageTag'], files: {}, stderr: 'sew-ci: --set: must be KEY=VALUE (KEY a variable name, or context.path.name), not "imageTag"\n' },
    { args: ['plan'], files: { 'sew.yaml': 'kind:\n  name: "{{ .clusterName }}"\n' }, stderr: /^sew-ci: sew\.yaml:2: .*clusterName.*\n$/ },
    { args: ['plan', '--allow-env', 'A=B'], files: {}, stderr: 'sew-ci: --allow-env: must be an environment variable name, not "A=B"\n' },
    // A symlink out of the registry root is refused without printing what it points to.
    { args: ['plan'], files: { 'sew.yaml': 'registry: file://./reg\nfrom: [ctx]\n', 'reg/ctx/.default': '../../../../../../proc/self/environ' }, stderr: /^sew-ci: reg\/ctx\/\.default: context "ctx\/\.\.\/.*environ" escapes its registry root/ },
    { args: ['plan', '--from', 'x', '--registry', 'gopher://x'], files: {}, stderr: 'sew-ci: --registry: unsupported registry scheme in "gopher://x" (use file://, https:// or http://)\n' },
  ])('$args exits 2: $stderr', async ({ args, files, stderr }) => {
    const result = await cli(args, writeTree(files));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    if (typeof stderr === 'string') expect(result.stderr).toBe(stderr);
    else expect(result.stderr).toMatch(stderr);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it.each(['plan', 'up', 'cache-key', 'cache-prune'])('help %s prints the command\'s help, as %s --help does', async (command) => {
    const [viaHelp, viaFlag] = await Promise.all([cli(['help', command], writeTree({})), cli([command, '--help'], writeTree({}))]);
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(viaFlag.stdout);
    expect(viaHelp.stdout).toContain(`sew-ci ${command}`);
  });
});

describe('options that mirror the action inputs', () => {
  it('--cluster-name, --preload and --mirror add to the configuration', async () => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n' });
    const { code, stdout } = await cli(['plan', '--json', '--cluster-name', 'ci', '--preload', 'redis:7', '--preload', 'mongo:7', '--mirror', 'ghcr.io'], dir);
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.cluster.name).toBe('ci');
    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7', 'docker.io/library/redis:7']);
    expect(plan.mirrors.upstreams).toEqual(['docker.io', 'ghcr.io']);
  });

  it('--local and --local-cache turn the local registry on and cache its data', async () => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n' });
    const plan = JSON.parse((await cli(['plan', '--json', '--local', '--sew-home', '~/.sew'], dir, { HOME: '/home/ci' })).stdout);
    expect(plan.local).toMatchObject({ kind: 'container', host: 'localhost:5050', data: '/home/ci/.sew/local', cache: false });
    const paths = (await cli(['cache-paths', '--local', '--local-cache', '--sew-home', '~/.sew'], dir, { HOME: '/home/ci' })).stdout;
    expect(paths).toBe('/home/ci/.sew/preload\n/home/ci/.sew/local\n');
    expect(JSON.parse((await cli(['plan', '--json'], dir)).stdout).local).toBeNull();
  });
});
