// What the mirrors fetched during the job: the growth of their storage between the restore and
// the save, reported by the save (the action's post step puts it in the job summary).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { restorePlanCache } from '../../../src/core/cache-restore.js';
import { saveCache } from '../../../src/core/cache-save.js';
import { directoryCacheStore } from '../../../src/core/cache/store.js';
import { PreloadStore } from '../../../src/core/storage/preload-store.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { tempDir, writeTree } from '../../support/tree.js';

describe('bytes the mirrors fetched during the job', () => {
  it.each([
    { name: 'a blob pulled through a mirror', blobs: ['a'.repeat(3000), 'b'.repeat(500)], fetched: 3500 },
    { name: 'nothing pulled', blobs: [], fetched: 0 },
  ])('$name: $fetched bytes', async ({ blobs, fetched }) => {
    const project = writeTree({ 'sew.yaml': 'images:\n  mirrors:\n    upstreams: [docker.io]\n' });
    const plan = await resolvePlan({ cwd: project, env: { HOME: project }, sewHome: tempDir('sew-home-'), cluster: false });
    const storage = plan.mirrors!.entries[0]!.storage!;
    // Present before the job: not fetched by it.
    await new PreloadStore(storage).writeBytes(Buffer.from('restored'.repeat(100)));
    const store = directoryCacheStore(tempDir('cache-'));
    const handoff = await restorePlanCache(plan, store, '', silentReporter);
    expect(handoff.mirrors).toEqual({ storage: plan.mirrors!.storage, bytesAtStart: 800 });
    for (const blob of blobs) await new PreloadStore(storage).writeBytes(Buffer.from(blob));
    const outcome = await saveCache({ sewHome: handoff.sewHome, home: handoff.home, cache: handoff }, { registries: { stop: async () => [] }, store, reporter: silentReporter });
    expect(outcome).toMatchObject({ mirrorsFetched: fetched });
    expect(join(storage, '..')).toBe(plan.mirrors!.storage);
  });
});
