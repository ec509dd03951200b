// kind and kubectl from $SEW_HOME/tools: downloaded once from a local release server, checked
// against the published sha256; then kept (no network); a kept binary that changed is refused
// and downloaded again; a download that does not match what is published is refused.
import { createHash } from 'node:crypto';
import { accessSync, constants, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCache } from '../../../src/core/cache-save.js';
import { directoryCacheStore } from '../../../src/core/cache/store.js';
import { fetchDownloads } from '../../../src/core/adapters/downloads.js';
import { formatBytes } from '../../../src/core/format.js';
import { installTools } from '../../../src/core/install-tools.js';
import { planTools } from '../../../src/core/tools/plan.js';
import { cli } from '../../support/cli.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { serveDirectory, type StaticServer } from '../../support/static-server.js';
import { tempDir, writeTree } from '../../support/tree.js';

const ARCH = process.arch === 'arm64' ? 'arm64' : 'amd64';
const KIND = Buffer.from('#!/bin/sh\necho kind v0.24.0\n'.padEnd(5000, '#'));
const KUBECTL = Buffer.from('#!/bin/sh\necho kubectl v1.31.0\n'.padEnd(7000, '#'));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let server: StaticServer;
let releases: string;
beforeAll(async () => {
  releases = writeTree({
    [`kind/v0.24.0/kind-linux-${ARCH}`]: KIND.toString(),
    [`kind/v0.24.0/kind-linux-${ARCH}.sha256sum`]: `${sha(KIND)}  kind-linux-${ARCH}\n`,
    [`kind/v0.25.0/kind-linux-${ARCH}`]: KIND.toString(),
    [`kind/v0.25.0/kind-linux-${ARCH}.sha256sum`]: `${'0'.repeat(64)}  kind-linux-${ARCH}\n`,
    [`k8s/v1.31.0/bin/linux/${ARCH}/kubectl`]: KUBECTL.toString(),
    [`k8s/v1.31.0/bin/linux/${ARCH}/kubectl.sha256`]: sha(KUBECTL),
  });
  server = await serveDirectory(releases);
});
afterAll(async () => server?.close());

const env = () => ({ HOME: tempDir(), SEW_KIND_DOWNLOAD_URL: `${server.origin}/kind/`, SEW_KUBECTL_DOWNLOAD_URL: `${server.origin}/k8s` });
const both = [
  { name: 'kind' as const, version: 'v0.24.0' },
  { name: 'kubectl' as const, version: 'v1.31.0' },
];

describe('tools', () => {
  it('downloads once, checked, into $SEW_HOME/tools/<name>/<version>/<arch>; then keeps them and fetches nothing', async () => {
    const home = tempDir('sew-home-');
    const e = env();
    const cold = await installTools({ env: e, cwd: home, sewHome: home, tools: both }, { downloads: fetchDownloads, reporter: silentReporter });
    expect(cold.tools.map((t) => [t.name, t.source, t.bytesFetched, t.binary, t.sha256])).toEqual([
      ['kind', 'downloaded', KIND.length, join(home, 'tools', 'kind', 'v0.24.0', ARCH, 'kind'), sha(KIND)],
      ['kubectl', 'downloaded', KUBECTL.length, join(home, 'tools', 'kubectl', 'v1.31.0', ARCH, 'kubectl'), sha(KUBECTL)],
    ]);
    expect(cold.bytesFetched).toBe(KIND.length + KUBECTL.length);
    for (const t of cold.tools) accessSync(t.binary, constants.X_OK);

    const asked = server.requests.length;
    const warm = await installTools({ env: e, cwd: home, sewHome: home, tools: both }, { downloads: fetchDownloads, reporter: silentReporter });
    expect(warm.tools.map((t) => [t.source, t.bytesFetched])).toEqual([
      ['cached', 0],
      ['cached', 0],
    ]);
    expect(server.requests.length).toBe(asked);
  });

  it('refuses a kept binary whose sha256 changed and downloads it again', async () => {
    const home = tempDir('sew-home-');
    const e = env();
    const [first] = (await installTools({ env: e, cwd: home, sewHome: home, tools: both.slice(0, 1) }, { downloads: fetchDownloads, reporter: silentReporter })).tools;
    writeFileSync(first!.binary, '#!/bin/sh\necho tampered\n');
    const warnings: string[] = [];
    const again = await installTools({ env: e, cwd: home, sewHome: home, tools: both.slice(0, 1) }, { downloads: fetchDownloads, reporter: { ...silentReporter, warn: (m) => void warnings.push(m) } });
    expect(again.tools[0]).toMatchObject({ source: 'downloaded', sha256: sha(KIND) });
    expect(readFileSync(first!.binary)).toEqual(KIND);
    expect(warnings).toEqual([expect.stringContaining('sha256 no longer matches')]);
  });

  it.each([
    { name: 'a download that does not match the published sha256', tools: [{ name: 'kind' as const, version: 'v0.25.0' }], error: 'kind v0.25.0: checksum mismatch' },
    { name: 'a release that is not published', tools: [{ name: 'kind' as const, version: 'v0.99.0' }], error: 'HTTP 404' },
  ])('refuses $name, and keeps nothing', async ({ tools, error }) => {
    const home = tempDir('sew-home-');
    await expect(installTools({ env: env(), cwd: home, sewHome: home, tools }, { downloads: fetchDownloads, reporter: silentReporter })).rejects.toThrow(error);
    expect(() => statSync(planTools(tools, home, env())[0]!.binary)).toThrow();
  });

  it('in the action: each tool restored from its own entry, saved once after a cold run', async () => {
    const cacheDir = tempDir('cache-');
    const store = directoryCacheStore(cacheDir);
    const e = env();
    const job = async () => {
      const home = tempDir('sew-home-');
      const outcome = await installTools({ env: e, cwd: home, sewHome: home, tools: both, cache: { store, prefix: 'p-' } }, { downloads: fetchDownloads, reporter: silentReporter });
      const infos: string[] = [];
      const saved = await saveCache({ sewHome: home, home: 'h', cache: { sewHome: home, home: 'h', paths: [], prefix: 'p-', cacheKey: 'k', primaryKey: 'p-k', separate: outcome.separate } }, { registries: { stop: async () => [] }, store, reporter: { ...silentReporter, info: (m) => void infos.push(m) } });
      return { outcome, infos, apart: saved.apart?.map((e) => [e.name, e.outcome.saved, e.outcome.reason]) };
    };
    const cold = await job();
    expect(cold.outcome.separate.map((s) => [s.key, s.restored])).toEqual([
      [`sew-tool-v1-kind-v0.24.0-${ARCH}`, false],
      [`sew-tool-v1-kubectl-v1.31.0-${ARCH}`, false],
    ]);
    expect(cold.infos.filter((m) => m.startsWith('saved'))).toHaveLength(2);
    // What the post step's summary lists, one row per entry.
    expect(cold.apart).toEqual([
      ['kind binary', true, undefined],
      ['kubectl binary', true, undefined],
    ]);
    server.down();
    try {
      const warm = await job();
      expect(warm.outcome.bytesFetched).toBe(0);
      expect(warm.outcome.separate.every((s) => s.restored)).toBe(true);
      expect(warm.infos.filter((m) => m.startsWith('saved'))).toEqual([]);
      expect(warm.apart).toEqual([
        ['kind binary', false, 'restored by this key'],
        ['kubectl binary', false, 'restored by this key'],
      ]);
    } finally {
      server = await serveDirectory(releases);
    }
  });

  it('sew-ci tools --bin copies the checked binaries where they run by name', async () => {
    const dir = writeTree({});
    const bin = tempDir('bin-');
    const run = await cli(['tools', '--kind-version', 'v0.24.0', '--kubectl-version', 'v1.31.0', '--sew-home', join(dir, 'h'), '--bin', bin], dir, env());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`fetched from the network: ${formatBytes(KIND.length + KUBECTL.length)}\n`);
    expect(readFileSync(join(bin, 'kind'))).toEqual(KIND);
    accessSync(join(bin, 'kubectl'), constants.X_OK);
    expect((await cli(['tools'], dir, env())).code).toBe(2);
  });
});
