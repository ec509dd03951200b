// The action's main and post as the runner runs them, with the real @actions/cache client
// (githubCacheStore) against the cache-service stand-in, real Docker and registries. Each job
// is a fresh runner: the same $SEW_HOME path (entries are versioned by it), emptied, and no
// registry container left. Cold: copies and saves. Warm with the upstream stopped: restores
// this plan's entry and serves from it, saving nothing. A changed plan: restores the nearest
// entry by restore key, copies only the new image, saves a new entry. Docker unreachable: the
// plan's outputs and a summary naming the phase, and nothing saved.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { githubCacheStore } from '../../../src/action/github-cache.js';
import { runJob } from '../../support/action-job.js';
import { startCacheService, type CacheService } from '../../support/cache-service.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { removeRegistries, requireWorld } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const one = image([textLayer('gh-base', 20), textLayer('gh-one')], undefined, 'one');
const two = image([textLayer('gh-base', 20), textLayer('gh-two')], undefined, 'two');
let upstream: Upstream;
let service: CacheService;
const home = join(tempDir('runner-'), 'sew');
const project = (refs: string[]) =>
  writeTree({ 'sew.yaml': `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${refs.join(', ')}]\n` });
const job = (cwd: string, env: Record<string, string> = {}) => runJob({}, { cwd, cache: githubCacheStore, home, env: { ...service.env, ...env } });
const images = (outputs: Record<string, string>) =>
  Object.fromEntries(JSON.parse(outputs.images!).map((i: { ref: string; source: string; bytesCopied: number }) => [i.ref, [i.source, i.bytesCopied]]));

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/one', '1', one);
  await pushManifest(upstream, 'team/two', '1', two);
  service = await startCacheService();
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

// A fresh runner: nothing on disk, no container.
beforeEach(async () => {
  rmSync(home, { recursive: true, force: true });
  await removeRegistries();
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await Promise.all([upstream?.remove(), removeRegistries(), service?.close()]);
});

describe('the action through @actions/cache', () => {
  const first = project(['upstream.test:5900/team/one:1']);

  it('cold: copies, and post saves <cache-key>-<content>', async () => {
    const run = await job(first);
    expect(run.mainExit, run.mainLog).toBeUndefined();
    expect(images(run.outputs)).toEqual({ 'upstream.test:5900/team/one:1': ['copied', expect.any(Number)] });
    expect(run.outputs['cache-hit']).toBe('false');
    expect(service.keys()).toEqual([expect.stringMatching(new RegExp(`^${run.outputs['cache-key']}-[0-9a-f]{16}$`))]);
    expect(run.postSummary).toContain(`| registry data | \`${service.keys()[0]}\` |`);
  });

  it('warm, upstream stopped: restores this plan’s entry, serves from it, saves nothing', async () => {
    await upstream.stop();
    const calls = service.calls.length;
    const run = await job(first);
    expect(run.mainExit, run.mainLog).toBeUndefined();
    expect(run.outputs['cache-hit']).toBe('true');
    expect(images(run.outputs)).toEqual({ 'upstream.test:5900/team/one:1': ['hit', 0] });
    expect(run.mainLog).toContain(`restored ${service.keys()[0]}: this plan's cache`);
    expect(run.mainLog).not.toContain('Cache hit for');
    expect(run.summary).toContain('| `upstream.test:5900/team/one:1` | from cache |');
    expect(run.postSummary).toContain('no: unchanged since it was restored');
    expect(service.calls.slice(calls)).toEqual(['GetCacheEntryDownloadURL', 'GET archive']);
    await upstream.start();
  });

  it('a changed plan: restores the nearest entry by restore key, copies only the new image, saves a new entry', async () => {
    const run = await job(project(['upstream.test:5900/team/one:1', 'upstream.test:5900/team/two:1']));
    expect(run.mainExit, run.mainLog).toBeUndefined();
    expect(run.outputs['cache-hit']).toBe('false');
    const own = two.blobs.filter((b) => !one.blobs.some((o) => o.digest === b.digest));
    expect(images(run.outputs)).toEqual({
      'upstream.test:5900/team/one:1': ['hit', 0],
      'upstream.test:5900/team/two:1': ['copied', own.reduce((s, b) => s + b.size, 0)],
    });
    expect(run.summary).toMatch(/\(fallback: the nearest cache\)/);
    expect(service.keys()).toHaveLength(2);
    expect(service.keys()[1]).toMatch(new RegExp(`^${run.outputs['cache-key']}-`));
  });

  it('Docker unreachable: the plan’s outputs, a summary naming the phase, one error line, nothing saved', async () => {
    const keys = service.keys();
    const run = await job(first, { DOCKER_HOST: 'unix:///nonexistent/docker.sock' });
    expect(run.mainExit).toBe(1);
    expect(run.outputs).toMatchObject({ 'cache-key': expect.stringMatching(/^sew-v\d+-/), 'cluster-name': 'sew', 'cache-hit': 'true' });
    expect(run.mainLog.match(/^::error::/gm)).toHaveLength(1);
    expect(run.summary).toMatch(/\*\*Failed\*\* in phase \*Connect to Docker\*: /);
    expect(run.summary).toContain('(this plan’s)');
    expect(run.postExit).toBeUndefined();
    expect(service.keys()).toEqual(keys);
  });
});
