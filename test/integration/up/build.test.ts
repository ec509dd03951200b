// `sew-ci build` and `up --build` with the real engine: pre commands, `docker build` from
// `scratch` (no base image to pull here), a pre-only build, the images put into the preload
// registry, and a containerd node pulling them by their own names from a host that does
// not exist.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/action/main.js';
import { directoryCacheStore } from '../../../src/core/cache/store.js';
import { defaultDeps } from '../../../src/core/default-deps.js';
import { readRecords, runnerEnv, stepFiles } from '../../support/action-env.js';
import { bundledCli } from '../../support/child-runner.js';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';
import { docker, removeContainers, requireWorld, waitFor } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';

// Nothing listens on upstream.test:5999: only the preload registry can serve these.
const API = 'upstream.test:5999/sewtest/build-api:dev';
const TOOL = 'upstream.test:5999/sewtest/build-tool:dev';

let node: Node | undefined;
let project: string;
let home: string;

const okBuilds = `
builds:
  - name: api
    image: ${API}
    dir: ../src/api
    pre:
      - mkdir -p out && cp /bin/busybox out/busybox
      - echo "$GREETING" > out/hello.txt
    context: out
    dockerfile: docker/Dockerfile
    buildArgs:
      VERSION: "\${API_VERSION}"
  - name: tool
    image: ${TOOL}
    dir: ../src/tool
    pre:
      - tar -C rootfs -cf - . | docker import - ${TOOL}
`;
const sewYaml = `${okBuilds}  - name: broken
    image: sewtest/build-broken:dev
    pre:
      - 'echo compiling; echo "error: boom at line 7" >&2; exit 3'
  - name: slow
    image: sewtest/build-slow:dev
    pre:
      - 'echo $$ > shell.pid; sleep 300 & echo $! > sleep.pid; wait'
`;

beforeAll(async () => {
  await requireWorld();
  const root = writeTree({
    'project/sew.yaml': sewYaml,
    'project-ok/sew.yaml': okBuilds,
    'src/api/docker/Dockerfile': 'FROM scratch\nARG VERSION\nCOPY busybox /bin/busybox\nCOPY hello.txt /hello.txt\nLABEL version=$VERSION\nENTRYPOINT ["/bin/busybox", "cat", "/hello.txt"]\n',
    'src/tool/rootfs/etc/tool.conf': 'mode=ci\n'.repeat(500),
  });
  project = join(root, 'project');
  // The default home (HOME/.sew): its containers keep the names the node's hosts.toml is checked against.
  home = join(root, '.sew');
  mkdirSync(home);
});

afterAll(async () => {
  await Promise.all([node?.remove(), removeContainers('sew-preload')]);
  for (const image of [API, TOOL]) await docker('rmi', '-f', image).catch(() => undefined);
});

const env = () => ({ HOME: dirname(home), SEW_HOME: home, PATH: process.env.PATH, GREETING: 'built by sew-ci', API_VERSION: '1.2.3' });

describe('sew-ci build', () => {
  it('builds, puts the images into the preload registry, and a node pulls them by name', async () => {
    // up without --build wires the nodes for the build images' hosts.
    const wired = await cli(['up', '--no-cluster', '--json'], project, env());
    expect(wired.code, wired.stderr).toBe(0);
    expect(readFileSync(join(home, 'mirrors', 'hosts', 'upstream.test:5999', 'hosts.toml'), 'utf8')).toContain('http://sew-preload:5000/v2/upstream.test_5999');

    const { code, stdout, stderr } = await cli(['build', 'api', 'tool', '--json'], project, env());
    expect(code, stderr).toBe(0);
    const { builds } = JSON.parse(stdout);
    expect(builds.map((b: { name: string; how: string }) => [b.name, b.how])).toEqual([['api', 'docker build'], ['tool', 'pre']]);
    // One progress line per build, the output itself in the logs.
    expect(stderr).toMatch(/ {4}api {2}upstream\.test:5999\/sewtest\/build-api:dev {2}docker build, written sha256:/);
    expect(stderr).toMatch(/ {4}tool {2}upstream\.test:5999\/sewtest\/build-tool:dev {2}pre, written sha256:/);
    expect(stderr).not.toContain('Step 1/');
    const apiLog = readFileSync(join(home, 'logs', 'build', 'api.log'), 'utf8');
    expect(apiLog).toContain('$ mkdir -p out');
    expect(apiLog).toContain('Successfully built');
    expect(existsSync(join(project, '..', 'src', 'api', 'out', 'hello.txt'))).toBe(true);

    // The build arg reached docker build, the pre command's environment reached the image.
    const labels = await docker('image', 'inspect', API, '--format', '{{json .Config.Labels}}');
    expect(JSON.parse(labels)).toEqual({ version: '1.2.3' });

    node = await startNode({ name: 'sewtest-node-build', hostsDir: join(home, 'mirrors', 'hosts') });
    for (const build of builds) expect(await node.pull(build.image)).toBe(build.digest);
    const pulled = await docker('exec', node.name, '/bin/ctr', '-n', 'k8s.io', 'images', 'ls', '-q');
    expect(pulled.split('\n')).toEqual(expect.arrayContaining([API, TOOL]));
  });

  it('up --build builds in the same run; unchanged images move nothing', async () => {
    const { code, stdout, stderr } = await cli(['up', '--no-cluster', '--build', '--json'], join(project, '..', 'project-ok'), env());
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    // docker build's cache gives the same image: nothing moves. docker import makes a new one.
    expect(report.builds.map((b: { name: string; bytesCopied: number }) => [b.name, b.bytesCopied > 0])).toEqual([['api', false], ['tool', true]]);
    expect(report.phases.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['Preload registry', 'Builds', 'containerd hosts']));
  });

  it('a failing build prints the tail of its log and the log path, and exits 1', async () => {
    const { code, stderr } = await cli(['build', 'broken'], project, env());
    expect(code).toBe(1);
    const log = join(home, 'logs', 'build', 'broken.log');
    expect(stderr).toContain(`broken  docker.io/sewtest/build-broken:dev  FAILED; last lines of ${log}:`);
    expect(stderr).toContain('  | error: boom at line 7');
    expect(stderr.trim().split('\n').at(-1)).toBe(`sew-ci: build "broken" failed: pre command "echo compiling; echo \"error: boom at line 7\" >&2; exit 3" exited with 3; log: ${log}`);
    expect(readFileSync(log, 'utf8')).toContain('compiling');
  });

  it('--skip-pre builds from what the pre commands left', async () => {
    writeFileSync(join(project, '..', 'src', 'api', 'out', 'hello.txt'), 'changed without pre\n');
    const { code, stdout, stderr } = await cli(['build', 'api', '--skip-pre', '--json'], project, env());
    expect(code, stderr).toBe(0);
    const [api] = JSON.parse(stdout).builds;
    expect(api.bytesCopied).toBeGreaterThan(0);
    expect(readFileSync(join(home, 'logs', 'build', 'api.log'), 'utf8')).not.toContain('$ mkdir');
    await node!.clearImages();
    expect(await node!.pull(API)).toBe(api.digest);
  });

  it('an interrupted build stops its commands too', async () => {
    const run = spawn(process.execPath, [await bundledCli(), 'build', 'slow'], { cwd: project, env: { ...process.env, ...env() } });
    let stderr = '';
    run.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((r) => run.on('close', r));
    const pidFile = (name: string) => join(project, name);
    const started = async () => (await readFile(pidFile('sleep.pid'), 'utf8').catch(() => '')).trim() !== '';
    await waitFor(started, `the slow build's pre command (${stderr})`);
    const pids = ['shell.pid', 'sleep.pid'].map((f) => Number(readFileSync(pidFile(f), 'utf8')));
    run.kill('SIGTERM');
    expect(await exited).toBe(143);
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    const deadline = Date.now() + 5_000;
    while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pids.filter(alive)).toEqual([]);
  });

  it('the action builds with `build: true`', async () => {
    const files = stepFiles();
    runnerEnv({ build: 'true', cluster: 'false', cache: 'false', 'sew-home': home }, files);
    for (const [name, value] of Object.entries(env())) vi.stubEnv(name, value);
    const quiet = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const deps = { core: defaultDeps(process.env), cache: directoryCacheStore(home), env: process.env, cwd: join(project, '..', 'project-ok') };
      await main(deps);
    } finally {
      quiet.mockRestore();
      vi.unstubAllEnvs();
    }
    expect(process.exitCode).toBeUndefined();
    const summary = readFileSync(files.summary, 'utf8');
    expect(summary).toContain(`| api | \`${API}\` | docker build |`);
    expect(summary).toContain(`| tool | \`${TOOL}\` | pre |`);
    expect(readRecords(files.output)['preload-registry']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});
