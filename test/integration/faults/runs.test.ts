// Faults around a run: registries removed behind sew-ci's back, two runs at once, a signal
// mid-copy, a Docker socket not permitted, bad input. Real processes of dist/cli.js.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatedLayer } from '../../support/realistic-layer.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, requireWorld, removeRegistries } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const CLI = resolve('dist/cli.js');
const small = image([textLayer('runs-small')], undefined, 'small');
let upstream: Upstream;
let project: string;

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function start(home: string, args: string[] = [], env: NodeJS.ProcessEnv = {}) {
  const begun = performance.now();
  const child = spawn(process.execPath, [CLI, 'up', '--no-cluster', '--json', ...args], { cwd: project, env: { ...process.env, SEW_HOME: home, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d));
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<Finished>((r) => child.on('close', (code) => r({ code, stdout, stderr, ms: performance.now() - begun })));
  return { child, done, stderr: () => stderr };
}

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/small', '1', small);
  const big = await generatedLayer('runs-big', 300);
  await pushManifest(upstream, 'team/big', '1', image([big], undefined, 'big'));
  project = writeTree({
    'sew.yaml': 'images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/small:1]\n',
    'big.yaml': 'images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/big:1]\n',
  });
}, 300_000);

afterAll(async () => {
  await Promise.all([upstream?.remove(), removeRegistries()]);
});

describe('registries changed behind sew-ci’s back', () => {
  it.each([
    ['removed', (name: string) => docker('rm', '-f', name)],
    ['stopped', (name: string) => docker('stop', '-t', '1', name)],
  ])('%s: the next run recreates it with the data intact', async (_, act) => {
    const home = join(tempDir('sew-home-'), '.sew');
    const defaultHome = { HOME: join(home, '..') };
    expect((await start(home, [], defaultHome).done).code).toBe(0);
    await act('sew-preload');
    const again = await start(home, [], defaultHome).done;
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).preload).toMatchObject({ bytesCopied: 0, images: [expect.objectContaining({ source: 'hit' })] });
    expect(await docker('inspect', '--format', '{{.State.Running}}', 'sew-preload')).toBe('true');
  });
});

describe('two runs on one $SEW_HOME', () => {
  it('the second waits for the first, saying so, and both succeed', async () => {
    const home = tempDir('sew-home-');
    const first = start(home, ['--config', 'big.yaml']);
    await new Promise((r) => setTimeout(r, 300));
    const second = start(home);
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain(`another sew-ci run holds ${home}; waiting for it`);
  });
});

describe('a signal mid-copy', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s stops at once; the next run completes the copy', async (signal, code) => {
    const home = tempDir('sew-home-');
    const run = start(home, ['--config', 'big.yaml']);
    while (!run.stderr().includes('==> Preload images')) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    const sent = performance.now();
    run.child.kill(signal);
    const stopped = await run.done;
    expect(stopped.code).toBe(code);
    expect(performance.now() - sent).toBeLessThan(5_000);
    expect(stopped.stderr).toContain(`sew-ci: interrupted by ${signal}`);
    const again = await start(home, ['--config', 'big.yaml']).done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('waiting for it');
    expect(JSON.parse(again.stdout).preload.images[0]).toMatchObject({ ref: 'upstream.test:5900/team/big:1' });
  });
});

describe('Docker and input faults: one line, the right exit code, nothing started', () => {
  it('a Docker socket this user may not use', () => {
    const home = tempDir('sew-home-');
    spawnSync('chmod', ['777', home]);
    const run = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, 'up', '--no-cluster'], {
      cwd: project,
      env: { ...process.env, SEW_HOME: home, HOME: dirname(home) },
    });
    expect(run.status).toBe(1);
    expect(run.stderr.toString().trim().split('\n').at(-1)).toBe('sew-ci: cannot reach the Docker daemon at unix:///var/run/docker.sock: permission denied (is this user in the docker group?)');
  });

  it.each([
    [['--no-such-flag'], "sew-ci: --no-such-flag: not an option of sew-ci up (see 'sew-ci help up'), nor a context flag (none is defined)"],
    [['--config', 'missing.yaml'], 'sew-ci: --config: missing.yaml does not exist'],
    [['--wait'], 'sew-ci: --wait: needs a value'],
  ])('%j exits 2', async (args, message) => {
    await removeRegistries();
    const before = await docker('ps', '-aq');
    const home = tempDir('sew-home-');
    const run = await start(home, args).done;
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(message);
    expect(await docker('ps', '-aq')).toBe(before);
  });
});
