// The node image's cache entry, apart from the registry data: restored by its exact key only,
// saved once when whole, never again when restored, never when partial, and the same entry
// whatever the preload list.
import { rmSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restorePlanCache } from '../../../src/core/cache-restore.js';
import { saveCache } from '../../../src/core/cache-save.js';
import { directoryCacheStore } from '../../../src/core/cache/store.js';
import { parseReference } from '../../../src/core/images/reference.js';
import type { Plan } from '../../../src/core/plan.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import { blobDataPath } from '../../../src/core/storage/layout.js';
import { image, imageIndex, pushManifest, textLayer } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { tempDir, writeTree } from '../../support/tree.js';

const amd = image([textLayer('sep-node-amd', 30)], { os: 'linux', architecture: 'amd64' }, 'amd');
const arm = image([textLayer('sep-node-arm', 30)], { os: 'linux', architecture: 'arm64' }, 'arm');
const index = imageIndex([
  { manifest: amd, platform: { os: 'linux', architecture: 'amd64' } },
  { manifest: arm, platform: { os: 'linux', architecture: 'arm64' } },
]);

let upstream: RegistryServer;
beforeAll(async () => {
  upstream = await RegistryServer.start();
  await pushManifest(upstream, 'kindest/node', 'v1.31.0', index);
});
afterAll(async () => upstream?.dispose());

async function planFor(refs: string[]): Promise<Plan> {
  const project = writeTree({ 'sew.yaml': `images:\n  registries:\n    ${upstream.host}: {url: "${upstream.url}"}\n  preload:\n    refs: [${refs.join(', ')}]\n` });
  return resolvePlan({ cwd: project, env: { HOME: project }, sewHome: tempDir('sew-home-'), platform: 'linux/amd64', nodeImage: `${upstream.host}/kindest/node:v1.31.0@${index.digest}` });
}

async function fill(plan: Plan): Promise<void> {
  const stored = plan.nodeImage!.stored!;
  await copyImages([{ source: parseReference(plan.nodeImage!.ref), onePlatform: true }], {
    target: { root: stored.data },
    upstream: () => ({ url: upstream.url }),
    platforms: [stored.platform],
    credentials: async () => undefined,
  });
}

async function job(plan: Plan, cacheDir: string, between: (plan: Plan) => Promise<void>) {
  const infos: string[] = [];
  const reporter = { ...silentReporter, info: (m: string) => void infos.push(m) };
  const store = directoryCacheStore(cacheDir);
  const handoff = await restorePlanCache(plan, store, 'p-', reporter);
  await between(plan);
  await saveCache({ sewHome: handoff.sewHome, home: handoff.home, cache: handoff }, { registries: { stop: async () => [] }, store, reporter });
  return { handoff, infos };
}

describe('the node image cache entry', () => {
  it('saved once when whole, restored by its key into a fresh home, not saved again; the same entry for another preload list', async () => {
    const cacheDir = tempDir('cache-');
    const first = await planFor([]);
    const [entry] = first.separateCaches;
    const key = `p-${entry!.key}`;

    const cold = await job(first, cacheDir, fill);
    expect(cold.handoff.separate).toEqual([{ ...entry, restored: false }]);
    expect(cold.infos).toContain(`saved ${key} (Kind node image)`);

    const second = await planFor([`${upstream.host}/kindest/node:v1.31.0`]);
    expect(second.separateCaches[0]!.key).toBe(entry!.key);
    expect(second.cacheKey).not.toBe(first.cacheKey);
    const warm = await job(second, cacheDir, async (plan) => {
      // Restored whole: the copy is a hit from disk.
      const stored = plan.nodeImage!.stored!;
      const report = await copyImages([{ source: parseReference(plan.nodeImage!.ref), onePlatform: true }], {
        target: { root: stored.data },
        upstream: () => ({ url: 'http://127.0.0.1:9' }),
        platforms: [stored.platform],
        credentials: async () => undefined,
      });
      expect(report.results[0]).toMatchObject({ source: 'hit', bytesCopied: 0 });
    });
    expect(warm.handoff.separate![0]!.restored).toBe(true);
    expect(warm.infos).toContain(`${key} (Kind node image): restored by this key, not saving`);
    expect((await readdir(cacheDir)).filter((k) => decodeURIComponent(k).startsWith('p-sew-node-'))).toHaveLength(1);
  });

  it('a partial copy is not saved under the key that names the whole image', async () => {
    const cacheDir = tempDir('cache-');
    const plan = await planFor([]);
    const run = await job(plan, cacheDir, async (p) => {
      await fill(p);
      rmSync(blobDataPath(p.nodeImage!.stored!.data, amd.blobs[1]!.digest));
    });
    expect(run.infos.some((m) => m.includes(': not whole in') && m.includes('not saving'))).toBe(true);
    expect(await readdir(cacheDir).catch(() => [])).toEqual([]);
  });
});
