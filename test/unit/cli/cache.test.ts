import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const sew = 'images:\n  mirrors: {}\n  preload:\n    refs: [mongo:7]\n';

describe('cache-key and cache-paths', () => {
  it('print the action’s keys and paths', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    const plan = JSON.parse((await cli(['plan', '--json', '--sew-home', join(dir, 'h')], dir)).stdout);
    const key = await cli(['cache-key', '--json', '--sew-home', join(dir, 'h'), '--prefix', 'ci-'], dir);
    expect(JSON.parse(key.stdout)).toEqual({
      key: `ci-${plan.cacheKey}`,
      restoreKeys: [`ci-${plan.cacheKey}-`, 'ci-sew-v1-'],
      paths: [join(dir, 'h', 'preload'), join(dir, 'h', 'mirrors', 'data')],
    });
    const paths = await cli(['cache-paths', '--sew-home', join(dir, 'h')], dir);
    expect(paths.stdout).toBe(`${join(dir, 'h', 'preload')}\n${join(dir, 'h', 'mirrors', 'data')}\n`);
  });

  it.each([
    { name: 'a pinned node image: its own key and path, the same whatever the preload list', args: ['--node-image', `kindest/node:v1.31.0@sha256:${'4'.repeat(64)}`], stored: true },
    { name: 'no node image stored: nothing printed', args: ['--node-image', 'kindest/node:v1.31.0'], stored: false },
  ])('--entry node-image, $name', async ({ args, stored }) => {
    const dir = writeTree({ 'sew.yaml': sew, 'other/sew.yaml': 'images:\n  preload:\n    refs: [redis:7]\n' });
    const home = ['--sew-home', join(dir, 'h'), '--platform', 'linux/arm64'];
    const key = await cli(['cache-key', '--entry', 'node-image', '--prefix', 'ci-', ...home, ...args], dir);
    const json = JSON.parse((await cli(['cache-key', '--json', '--entry', 'node-image', '--prefix', 'ci-', ...home, ...args], dir)).stdout);
    const paths = await cli(['cache-paths', '--entry', 'node-image', '--sew-home', join(dir, 'h'), ...args], dir);
    if (!stored) {
      expect([key.stdout, paths.stdout, json.key]).toEqual(['', '', '']);
      return;
    }
    expect(key.stdout).toMatch(/^ci-sew-node-v1-[0-9a-f]{20}\n$/);
    expect(json).toEqual({ key: key.stdout.trim(), restoreKeys: [], paths: [join(dir, 'h', 'node-image')] });
    expect(paths.stdout).toBe(`${join(dir, 'h', 'node-image')}\n`);
    // Keyed by digest and platform: --content and another preload list give the same key, another platform another.
    expect((await cli(['cache-key', '--entry', 'node-image', '--content', '--prefix', 'ci-', ...home, ...args], dir)).stdout).toBe(key.stdout);
    expect((await cli(['cache-key', '--entry', 'node-image', '--prefix', 'ci-', ...home, ...args], join(dir, 'other'))).stdout).toBe(key.stdout);
    expect((await cli(['cache-key', '--entry', 'node-image', '--prefix', 'ci-', '--sew-home', join(dir, 'h'), '--platform', 'linux/amd64', ...args], dir)).stdout).not.toBe(key.stdout);
  });

  it('--entry takes registry or node-image only', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    const bad = await cli(['cache-key', '--entry', 'tools'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--entry');
  });

  it('--write writes the key for checksum-keyed caches; --check refuses a stale one', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    expect((await cli(['cache-key', '--platform', 'linux/amd64', '--write', '.sew-cache-key'], dir)).code).toBe(0);
    const written = readFileSync(join(dir, '.sew-cache-key'), 'utf8');
    expect(written).toMatch(/^sew-v1-[0-9a-f]{20}\n$/);
    expect((await cli(['cache-key', '--platform', 'linux/amd64', '--check', '.sew-cache-key'], dir)).code).toBe(0);
    const changed = writeTree({ 'sew.yaml': sew.replace('mongo:7', 'mongo:8'), '.sew-cache-key': written });
    const stale = await cli(['cache-key', '--platform', 'linux/amd64', '--check', '.sew-cache-key'], changed);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("run 'sew-ci cache-key --platform linux/amd64 --write .sew-cache-key' and commit it");
  });

  it('a key file is the same on every machine for the same plan and platform', async () => {
    const project = { 'sew.yaml': sew };
    // An arm64 laptop whose user-level sew.yaml preloads more, and a CI runner with none.
    const laptop = writeTree({ ...project, 'home/.sew/sew.yaml': 'images:\n  preload:\n    refs: [redis:7]\n' });
    const runner = writeTree(project);
    const write = (dir: string, env: NodeJS.ProcessEnv, platform: string) => cli(['cache-key', '--platform', platform, '--write', 'key'], dir, env).then(() => readFileSync(join(dir, 'key'), 'utf8'));
    const fromLaptop = await write(laptop, { HOME: join(laptop, 'home') }, 'linux/amd64');
    expect(await write(runner, { SEW_HOME: join(runner, 'elsewhere') }, 'linux/amd64')).toBe(fromLaptop);
    expect(await write(runner, {}, 'linux/arm64')).not.toBe(fromLaptop);
    // The user-level file still counts where no key file is involved.
    const printed = (await cli(['cache-key', '--platform', 'linux/amd64'], laptop, { HOME: join(laptop, 'home') })).stdout.split('\n')[0];
    expect(`${printed}\n`).not.toBe(fromLaptop);
  });

  it('--check prints the exact command that writes the key it expects', async () => {
    const dir = writeTree({ 'sew.yaml': sew, 'ci/sew.yaml': sew.replace('mongo:7', 'mongo:8'), '.sew-cache-key': 'old\n' });
    const args = ['cache-key', '--config', 'ci/sew.yaml', '--prefix', 'gl-', '--preload', 'busybox:1.36', '--check', '.sew-cache-key'];
    const stale = await cli(args, dir);
    expect(stale.code).toBe(1);
    const fix = /run '(sew-ci [^']+)' and commit it/.exec(stale.stderr)![1]!;
    expect(fix).toMatch(/--platform linux\/\w+ --write \.sew-cache-key$/);
    const words = fix.split(' ').slice(1);
    expect((await cli(words, dir)).code).toBe(0);
    expect((await cli(args, dir)).code).toBe(0);
  });

  it.each([
    [['--write', 'key'], '--write: needs --platform'],
    [['--platform', 'amd64', '--write', 'key'], '--platform: must be os/arch[/variant], e.g. linux/amd64, not "amd64"'],
    [['--platform', 'linux/amd64', '--write', 'missing/dir/key'], '--write: missing/dir is not a directory'],
    [['--write', 'a', '--check', 'b'], '--check: cannot be combined with --write'],
  ])('cache-key %j is refused: %s', async (args, message) => {
    const dir = writeTree({ 'sew.yaml': sew });
    const result = await cli(['cache-key', ...args], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('cache-paths expands a leading ~ in --sew-home and SEW_HOME', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    expect((await cli(['cache-paths', '--sew-home', '~/x'], dir, { HOME: '/home/ci' })).stdout).toBe('/home/ci/x/preload\n/home/ci/x/mirrors/data\n');
    expect((await cli(['cache-paths'], dir, { HOME: '/home/ci', SEW_HOME: '~/.sew' })).stdout).toBe('/home/ci/.sew/preload\n/home/ci/.sew/mirrors/data\n');
  });

  it('--content names the data on disk: it changes when a blob is added', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    const before = (await cli(['cache-key', '--content'], dir, { SEW_HOME: join(dir, 'h') })).stdout.split('\n')[0];
    const blob = join(dir, 'h', 'preload', 'docker', 'registry', 'v2', 'blobs', 'sha256', 'ab', 'ab'.repeat(32));
    writeTree({});
    await import('node:fs').then((fs) => fs.mkdirSync(blob, { recursive: true }));
    const after = (await cli(['cache-key', '--content'], dir, { SEW_HOME: join(dir, 'h') })).stdout.split('\n')[0];
    expect(before).toMatch(/^sew-v1-[0-9a-f]{20}-[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
  });
});

describe('down and cache-prune speak JSON too', () => {
  it('down without kind: could not check, in text and in JSON', async () => {
    const dir = writeTree({ 'sew.yaml': '' });
    const env = { HOME: dir, PATH: join(dir, 'no-such-bin') };
    const text = await cli(['down'], dir, env);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('cluster sew: not checked (kind is not installed)\n');
    const json = await cli(['down', '--json'], dir, env);
    expect(JSON.parse(json.stdout)).toEqual({ name: 'sew', cluster: 'no-kind', removedContainers: [], removedData: [], keptData: [] });
  });

  it('cache-prune --json with nothing to prune', async () => {
    const dir = writeTree({ 'sew.yaml': '' });
    const run = await cli(['cache-prune', '--json'], dir, { HOME: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ pruned: false, message: 'nothing to prune: the plan preloads nothing, so its data is not cached' });
  });
});
