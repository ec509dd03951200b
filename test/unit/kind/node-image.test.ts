// The node image in the plan: where it comes from (the option, the kind config, the kind binary
// on the PATH), pinned by digest, stored and cached apart; bad references refused before anything.
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindDefaultImage } from '../../../src/core/adapters/kind/default-image.js';
import { nodeImageCacheKey } from '../../../src/core/cache/key.js';
import { cli } from '../../support/cli.js';
import { tempDir, writeTree } from '../../support/tree.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

/** A file shaped like a kind release binary: its default image as a string among other bytes. */
function fakeKind(dir: string, before: number, image: string | undefined): string {
  const path = join(dir, 'kind');
  const filler = Buffer.alloc(before, 0x41);
  writeFileSync(path, Buffer.concat([filler, Buffer.from(image ?? ''), Buffer.alloc(1000, 0)]));
  chmodSync(path, 0o755);
  return path;
}

async function planJson(args: string[], sewYaml: string, env: NodeJS.ProcessEnv = {}) {
  const dir = writeTree({ 'sew.yaml': sewYaml });
  const result = await cli(['plan', '--json', '--sew-home', join(dir, 'home'), ...args], dir, env);
  return { dir, ...result, plan: result.code === 0 ? JSON.parse(result.stdout) : undefined };
}

describe('the node image in the plan', () => {
  const bin = tempDir();
  fakeKind(bin, 10, `kindest/node:v1.31.0@${D2}`);

  it.each([
    { name: 'the option wins over the config and kind', args: ['--node-image', `kindest/node:v1.30.0@${D1}`], yaml: `kind:\n  nodes:\n    - role: control-plane\n      image: kindest/node:v1.29.0@${D2}\n`, ref: `docker.io/kindest/node:v1.30.0@${D1}`, source: 'node-image', where: 'node image' },
    { name: "the nodes' own image when they agree", args: [], yaml: `kind:\n  nodes:\n    - role: control-plane\n      image: kindest/node:v1.29.0@${D1}\n    - role: worker\n      image: kindest/node:v1.29.0@${D1}\n`, ref: `docker.io/kindest/node:v1.29.0@${D1}`, source: 'kind config', where: 'kind.nodes[0].image' },
    { name: 'else the default of the kind on the PATH', args: [], yaml: 'kind:\n  name: k\n', ref: `docker.io/kindest/node:v1.31.0@${D2}`, source: 'kind default', where: join(bin, 'kind') },
  ])('$name', async ({ args, yaml, ref, source, where }) => {
    const { dir, plan, stderr } = await planJson(args, yaml, { PATH: bin });
    expect(stderr).toBe('');
    const digest = ref.slice(ref.indexOf('@') + 1);
    const hex = digest.slice('sha256:'.length);
    expect(plan.nodeImage).toMatchObject({ ref, source, where, stored: { digest, data: join(dir, 'home', 'node-image'), localTag: `docker.io/kindest/node:sew-${hex}` } });
    expect(plan.needs.nodeImage).toBe(true);
    const platform = plan.nodeImage.stored.platform;
    expect(plan.separateCaches).toEqual([{ name: 'node-image', key: nodeImageCacheKey(digest, platform), paths: [join(dir, 'home', 'node-image')], image: { ref, platform } }]);
    // Apart from the registry data: its key and paths do not change with the node image.
    expect(plan.cachePaths).not.toContain(join(dir, 'home', 'node-image'));
  });

  it.each([
    { name: 'no kind on the PATH', yaml: 'kind:\n  name: k\n', env: { PATH: tempDir() }, warning: undefined },
    { name: 'nodes naming different images', yaml: `kind:\n  nodes:\n    - image: kindest/node:v1.29.0@${D1}\n    - image: kindest/node:v1.30.0@${D2}\n`, env: { PATH: bin }, warning: 'kind.nodes name 2 different node images' },
  ])('nothing stored with $name', async ({ yaml, env, warning }) => {
    const { code, plan, stderr } = await planJson([], yaml, env);
    expect(code).toBe(0);
    expect(plan.nodeImage).toBeNull();
    expect(plan.needs.nodeImage).toBe(false);
    expect(plan.separateCaches).toEqual([]);
    if (warning) expect(stderr).toContain(warning);
    else expect(stderr).toBe('');
  });

  it('an image not pinned by digest goes to kind as given, neither stored nor cached', async () => {
    const { plan, stderr } = await planJson(['--node-image', 'kindest/node:v1.31.0'], 'kind:\n  name: k\n', { PATH: bin });
    expect(plan.nodeImage).toEqual({ ref: 'docker.io/kindest/node:v1.31.0', source: 'node-image', where: 'node image' });
    expect(plan.cluster.image).toBe('docker.io/kindest/node:v1.31.0');
    expect(plan.separateCaches).toEqual([]);
    expect(stderr).toContain('is not pinned by digest');
  });

  it.each([
    { args: ['--node-image', 'Kindest/Node:v1'], where: 'node-image' },
    { args: [], yaml: 'kind:\n  nodes:\n    - image: "not a ref"\n', where: 'kind.nodes[0].image' },
    { args: [], yaml: 'kind:\n  nodes:\n    - image: 12\n', where: 'kind.nodes.0.image' },
    { args: [], yaml: 'kind:\n  nodes:\n    - image: kindest/node:v1.31.0\n    - image: "Bad Ref!!"\n', where: 'kind.nodes[1].image' },
  ])('a bad node image is an input error naming $where', async ({ args, yaml, where }) => {
    const { code, stderr, stdout } = await planJson(args, yaml ?? 'kind:\n  name: k\n', { PATH: bin });
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(where);
  });
});

describe("kind's default, read from the binary", () => {
  it.each([
    { name: 'near the start', before: 100 },
    { name: 'across a 4 MiB window', before: 4 * 1024 * 1024 - 30 },
    { name: 'in a later window', before: 9 * 1024 * 1024 },
  ])('found $name', async ({ before }) => {
    const dir = tempDir();
    const path = fakeKind(dir, before, `kindest/node:v1.32.1@${D1}`);
    expect(await kindDefaultImage({ PATH: `/nonexistent:${dir}` })).toEqual({ image: `kindest/node:v1.32.1@${D1}`, binary: path });
  });

  it.each([
    { name: 'a kind binary without the string', image: undefined },
    { name: 'a tag without a digest', image: 'kindest/node:v1.32.1 ' },
  ])('none from $name', async ({ image }) => {
    const dir = tempDir();
    fakeKind(dir, 100, image);
    expect(await kindDefaultImage({ PATH: dir })).toBeUndefined();
  });

  it('skips a kind that is not executable', async () => {
    const [first, second] = [tempDir(), tempDir()];
    chmodSync(fakeKind(first, 0, `kindest/node:v1.30.0@${D1}`), 0o644);
    const path = fakeKind(second, 0, `kindest/node:v1.31.0@${D2}`);
    expect(await kindDefaultImage({ PATH: `${first}:${second}` })).toEqual({ image: `kindest/node:v1.31.0@${D2}`, binary: path });
  });
});
