// `verify` against what `up` really preloaded: passes when complete, fails naming the image
// when a blob is removed or damaged, and never asks the upstream.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobDataPath } from '../../../src/core/storage/layout.js';
import { cli } from '../../support/cli.js';
import { image, imageIndex, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { requireWorld, removeRegistries } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const api = image([textLayer('verify-base', 10), textLayer('verify-api')], undefined, 'api');
const multi = imageIndex([
  { manifest: image([textLayer('verify-amd64')]), platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: image([textLayer('verify-arm64')], { os: 'linux', architecture: 'arm64' }), platform: { os: 'linux', architecture: 'arm64' } },
]);
let upstream: Upstream;
let home: string;
let project: string;
const env = () => ({ SEW_HOME: home, PATH: process.env.PATH });
const blobFile = (digest: string) => blobDataPath(join(home, 'preload'), digest);

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/api', '1', api);
  await pushManifest(upstream, 'team/multi', '1', multi);
  home = tempDir('sew-home-');
  project = writeTree({
    'sew.yaml': `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [upstream.test:5900/team/api:1, "upstream.test:5900/team/multi@${multi.digest}"]\n`,
  });
  expect((await cli(['up', '--no-cluster'], project, env())).code).toBe(0);
  await upstream.stop();
});

afterAll(async () => {
  await Promise.all([upstream?.remove(), removeRegistries()]);
});

describe('sew-ci verify', () => {
  it('passes on a complete preload, with the upstream down', async () => {
    const { code, stdout } = await cli(['verify'], project, env());
    expect(code).toBe(0);
    expect(stdout).toContain('2 of 2 image(s) complete');
    expect(stdout).toMatch(/upstream\.test:5900\/team\/api:1\s+ok\s+sha256:/);
  });

  it('fails naming the image when a blob is damaged', async () => {
    const layer = api.blobs.at(-1)!.digest;
    const bytes = readFileSync(blobFile(layer));
    writeFileSync(blobFile(layer), Buffer.concat([bytes, Buffer.from('x')]));
    const { code, stdout } = await cli(['verify', '--json'], project, env());
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toEqual([
      { ref: 'upstream.test:5900/team/api:1', ok: false, digest: api.digest, problem: `blob ${layer} does not match its content` },
      { ref: `upstream.test:5900/team/multi@${multi.digest}`, ok: true, digest: multi.digest },
    ]);
    writeFileSync(blobFile(layer), bytes);
  });

  it('fails naming the image when a blob of an index child is removed', async () => {
    const layer = multi.children[1]!.blobs.at(-1)!.digest;
    rmSync(blobFile(layer));
    const { code, stdout } = await cli(['verify'], project, env());
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`upstream\\.test:5900/team/multi@${multi.digest}\\s+FAILED\\s+blob ${layer} missing`));
    expect(stdout).toContain('1 of 2 image(s) complete');
  });
});
