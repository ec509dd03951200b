// An image that only the local Docker daemon has (built in the job, or kept by CircleCI's
// Docker Layer Caching) is preloaded from the daemon, and nodes pull it like any other.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { docker, requireWorld, removeRegistries } from '../../world/docker.js';
import { startNode, type Node } from '../../world/node.js';

const REF = 'sewtest/daemon-only:dev';
let node: Node;

beforeAll(async () => {
  await requireWorld();
  const context = tempDir('ctx-');
  writeFileSync(join(context, 'hello.txt'), 'built in the job\n'.repeat(1000));
  // No Dockerfile build (no base images here): import a one-file rootfs as the job's image.
  const tarball = join(context, 'rootfs.tar');
  await import('node:child_process').then(({ execFileSync }) => execFileSync('tar', ['-C', context, '-cf', tarball, 'hello.txt']));
  await docker('import', tarball, REF);
});

afterAll(async () => {
  await Promise.all([node?.remove(), removeRegistries(), docker('rmi', '-f', REF).catch(() => undefined)]);
});

describe('preload from the Docker daemon', () => {
  it('copies an image no upstream has, and a node pulls it', async () => {
    const home = tempDir('sew-home-');
    const project = writeTree({ 'sew.yaml': `images:\n  preload:\n    refs: [${REF}]\n` });
    const { code, stdout, stderr } = await cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, PATH: process.env.PATH });
    expect(code, stderr).toBe(0);
    const [entry] = JSON.parse(stdout).preload.images;
    expect(entry).toMatchObject({ ref: `docker.io/${REF}`, source: 'daemon' });
    expect(entry.bytesCopied).toBeGreaterThan(16_000);

    node = await startNode({ name: 'sewtest-node-daemon', hostsDir: join(home, 'mirrors', 'hosts') });
    expect(await node.pull(`docker.io/${REF}`)).toBe(entry.digest);

    const again = JSON.parse((await cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, PATH: process.env.PATH })).stdout);
    expect(again.preload.images[0]).toMatchObject({ source: 'hit', bytesCopied: 0 });
  });
});
