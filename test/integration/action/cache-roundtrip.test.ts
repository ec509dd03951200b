// The action's main and post against real Docker and registries, with a directory cache
// behind the same interface as @actions/cache: a cold run saves, a rerun on a fresh runner
// restores and copies nothing, a changed image list restores the nearest cache.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../src/action/main.js';
import { post } from '../../../src/action/post.js';
import { defaultDeps } from '../../../src/core/default-deps.js';
import { directoryCacheStore } from '../../../src/core/cache/store.js';
import { storedBlobs } from '../../../src/core/storage/layout.js';
import { readRecords, runnerEnv, stepFiles } from '../../support/action-env.js';
import { image, pushManifest, textLayer } from '../../support/oci-images.js';
import { tempDir, writeTree } from '../../support/tree.js';
import { removeRegistries, requireWorld } from '../../world/docker.js';
import { startUpstream, type Upstream } from '../../world/upstream.js';

const one = image([textLayer('action-base', 30), textLayer('action-one')], undefined, 'one');
const two = image([textLayer('action-base', 30), textLayer('action-two')], undefined, 'two');
let upstream: Upstream;
let project: string;
let cacheDir: string;

const sewYaml = (refs: string[]) =>
  `images:\n  registries:\n    upstream.test:5900: {url: "http://upstream.test:5900"}\n  preload:\n    refs: [${refs.join(', ')}]\n`;

/** One job on a fresh runner: main, then post, with its own $SEW_HOME. */
async function job(inputs: Record<string, string>, options: { cache?: string; beforePost?: () => void; env?: Record<string, string> } = {}) {
  const home = tempDir('runner-home-');
  const env = { ...process.env, ...options.env };
  const deps = { core: defaultDeps(env), cache: directoryCacheStore(options.cache ?? cacheDir), env, cwd: project };
  const mainFiles = stepFiles();
  runnerEnv({ cluster: 'false', 'sew-home': home, ...inputs }, mainFiles);
  await main(deps);
  const mainExit = process.exitCode;
  const outputs = readRecords(mainFiles.output);
  const summary = readFileSync(mainFiles.summary, 'utf8');
  options.beforePost?.();
  const postFiles = stepFiles();
  runnerEnv({}, postFiles, readRecords(mainFiles.state));
  const postLog: string[] = [];
  vi.mocked(process.stdout.write).mockImplementation((chunk: string | Uint8Array) => (postLog.push(String(chunk)), true));
  await post(deps);
  vi.mocked(process.stdout.write).mockImplementation(() => true);
  return { mainExit, outputs, summary, postExit: process.exitCode, postLog: postLog.join(''), state: readFileSync(mainFiles.state, 'utf8') };
}

/** The blobs a directory-store entry holds for its first path (the preload data). */
function savedBlobs(dir: string, key: string): Promise<string[]> {
  return storedBlobs(join(dir, encodeURIComponent(key), '0'));
}

beforeAll(async () => {
  await requireWorld();
  upstream = await startUpstream({ alias: 'upstream.test', port: 5900 });
  await pushManifest(upstream, 'team/one', '1', one);
  await pushManifest(upstream, 'team/two', '1', two);
  cacheDir = tempDir('gh-cache-');
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterAll(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await Promise.all([upstream?.remove(), removeRegistries()]);
});

describe('action cache round trip', () => {
  it('a cold run copies and saves under plan key + content', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/one:1']) });
    const run = await job({});
    expect(run.mainExit).toBeUndefined();
    expect(run.outputs['cache-hit']).toBe('false');
    const images = JSON.parse(run.outputs.images!);
    expect(images).toEqual([expect.objectContaining({ ref: 'upstream.test:5900/team/one:1', source: 'copied', digest: one.digest })]);
    expect(run.outputs['cluster-name']).toBe('sew');
    expect(run.outputs['preload-registry']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(run.summary).toContain('| `upstream.test:5900/team/one:1` | copied |');
    expect(run.summary).toMatch(/\| Preload images \| \d+\.\d \|/);
    const saved = readdirSync(cacheDir).map(decodeURIComponent);
    expect(saved).toEqual([expect.stringMatching(new RegExp(`^${run.outputs['cache-key']}-[0-9a-f]{16}$`))]);
  });

  it('a rerun on a fresh runner restores, hits, copies nothing and saves nothing', async () => {
    const before = readdirSync(cacheDir);
    const run = await job({});
    expect(run.outputs['cache-hit']).toBe('true');
    const images = JSON.parse(run.outputs.images!);
    expect(images.map((i: { source: string; bytesCopied: number }) => [i.source, i.bytesCopied])).toEqual([['hit', 0]]);
    expect(readdirSync(cacheDir)).toEqual(before);
  });

  it('a changed image list restores the nearest cache and saves a new key', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/one:1', 'upstream.test:5900/team/two:1']) });
    const run = await job({});
    expect(run.outputs['cache-hit']).toBe('false');
    const images = JSON.parse(run.outputs.images!);
    const bySource = Object.fromEntries(images.map((i: { ref: string; source: string; bytesCopied: number }) => [i.ref, [i.source, i.bytesCopied]]));
    expect(bySource['upstream.test:5900/team/one:1']).toEqual(['hit', 0]);
    // Only what `two` does not share with `one` moves: its own layer and config.
    const own = two.blobs.filter((b) => !one.blobs.some((o) => o.digest === b.digest));
    expect(bySource['upstream.test:5900/team/two:1']).toEqual(['copied', own.reduce((s, b) => s + b.size, 0)]);
    expect(readdirSync(cacheDir)).toHaveLength(2);
  });

  it('a plan that drops an image prunes it before saving: the cache tracks the image set', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/two:1']) });
    const before = new Set(readdirSync(cacheDir));
    const run = await job({});
    expect(run.outputs['cache-hit']).toBe('false');
    expect(run.postLog).toMatch(/removed 3 blob\(s\) \([^)]+\), 1 repositories and 0 tag\(s\) the plan no longer preloads/);
    const added = readdirSync(cacheDir).filter((k) => !before.has(k));
    expect(added).toHaveLength(1);
    const own = (m: typeof one) => [m.digest, ...m.blobs.map((b) => b.digest)];
    expect((await savedBlobs(cacheDir, decodeURIComponent(added[0]!))).sort()).toEqual(own(two).sort());
  });

  it('a declined save is a warning naming why, never "saved"', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/one:1']) });
    const racing = tempDir('gh-cache-');
    const mine = tempDir('gh-cache-');
    await job({}, { cache: racing });
    // Another job saved the same content under the same key while this one ran.
    const run = await job({}, { cache: mine, beforePost: () => cpSync(racing, mine, { recursive: true }) });
    expect(run.postExit).toBeUndefined();
    expect(run.postLog).toMatch(/::warning::cache not saved: \S+ already exists \(another job saved it first\)/);
    expect(run.postLog).not.toContain('saved sew-');
  });

  it('save: default-branch restores on other branches but saves nothing', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/one:1', 'upstream.test:5900/team/two:1']), 'event.json': '{"repository": {"default_branch": "main"}}' });
    const fresh = tempDir('gh-cache-');
    const run = await job({ save: 'default-branch' }, { cache: fresh, env: { GITHUB_REF: 'refs/heads/feature', GITHUB_EVENT_PATH: join(project, 'event.json') } });
    expect(run.postLog).toContain('not saving the cache: input save is default-branch (main), and this run is on refs/heads/feature');
    expect(readdirSync(fresh)).toEqual([]);
    const onMain = await job({ save: 'default-branch' }, { cache: fresh, env: { GITHUB_REF: 'refs/heads/main', GITHUB_EVENT_PATH: join(project, 'event.json') } });
    expect(onMain.postLog).toMatch(/saved sew-v1-/);
    expect(readdirSync(fresh)).toHaveLength(1);
  });

  it('keeps every secret out of state and outputs', async () => {
    project = writeTree({
      'sew.yaml': `${sewYaml(['upstream.test:5900/team/one:1'])}  mirrors:\n    upstreams: [upstream.test:5900]\n`.replace(
        '{url: "http://upstream.test:5900"}',
        '{url: "http://upstream.test:5900", username: bot, password: "${ACTION_TEST_SECRET}"}',
      ),
    });
    vi.stubEnv('ACTION_TEST_SECRET', 'action-secret-value-91c2');
    const run = await job({});
    expect(run.state).not.toContain('action-secret-value-91c2');
    expect(JSON.stringify(run.outputs)).not.toContain('action-secret-value-91c2');
    expect(run.summary).not.toContain('action-secret-value-91c2');
    await removeRegistries();
  });

  it('a bad input fails the step naming it, and starts nothing', async () => {
    const run = await job({ wait: 'forever' });
    expect(run.mainExit).toBe(1);
    expect(run.outputs).toEqual({});
  });

  it('without the cache service: a warning, and the run goes on', async () => {
    project = writeTree({ 'sew.yaml': sewYaml(['upstream.test:5900/team/one:1']) });
    const home = tempDir('runner-home-');
    const failing = { restore: async () => Promise.reject(new Error('the GitHub cache service is not available on this runner')), save: async () => Promise.reject(new Error('unavailable')) };
    const files = stepFiles();
    runnerEnv({ cluster: 'false', 'sew-home': home }, files);
    const warnings: string[] = [];
    vi.mocked(process.stdout.write).mockImplementation((chunk: string | Uint8Array) => {
      if (/^::(warning|error)::/.test(String(chunk))) warnings.push(String(chunk));
      return true;
    });
    await main({ core: defaultDeps(process.env), cache: failing, env: process.env, cwd: project });
    expect(process.exitCode, warnings.join('')).toBeUndefined();
    expect(warnings.join('')).toContain('cache not restored: the GitHub cache service is not available on this runner; continuing without it');
    expect(readRecords(files.output)['cache-hit']).toBe('false');
  });
});
