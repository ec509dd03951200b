// The disk filling up while copying: one clear line per image, exit 1, nothing half-done
// served; with room again, the next run completes the copy.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { image, pushManifest } from '../../support/oci-images.js';
import { generatedLayer } from '../../support/realistic-layer.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { requireWorld, removeRegistries } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

let upstream: Upstream;
let home: string;
let project: string;
let preload: string;

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/big', '1', image([await generatedLayer('disk-full', 12)], undefined, 'big'));
  home = tempDir('sew-home-');
  preload = join(home, 'preload');
  mkdirSync(preload);
  // A small filesystem for the preload data: it fills up mid-copy.
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', preload]);
  project = writeTree({ 'sew.yaml': 'images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/big:1]\n' });
});

afterAll(async () => {
  await removeRegistries();
  try {
    execFileSync('umount', [preload]);
  } catch {
    // Already unmounted by the test.
  }
  await upstream?.remove();
});

describe('disk full while copying', () => {
  it('fails the image in one line and exits 1; with room, the next run completes', async () => {
    const full = await cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, PATH: process.env.PATH });
    expect(full.code).toBe(1);
    const [entry] = JSON.parse(full.stdout).preload.images;
    expect(entry.error).toBe(`upstream.test:5900/team/big:1: cannot write the preload storage ${preload}: no space left on device`);
    expect(entry.error).not.toContain('\n');
    expect(full.stderr).toMatch(new RegExp(`warning: ${preload} has \\d+(\\.\\d)? (B|KB) free: the disk is full`));

    await removeRegistries();
    execFileSync('umount', [preload]);
    const roomy = await cli(['up', '--no-cluster', '--json'], project, { SEW_HOME: home, PATH: process.env.PATH });
    expect(roomy.code, roomy.stderr).toBe(0);
    expect(JSON.parse(roomy.stdout).preload.images[0]).toMatchObject({ source: 'copied' });
  });
});
