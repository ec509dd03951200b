// Memory stays flat whatever the blob size: the copier streams a layer, it never holds one.
// CI copies a 256 MB layer (writing 2 x 256 MB under the temp dir); the 1 GB figure is opt-in:
//   SEW_RSS_BENCH_MB=1024 npx vitest run --project integration large-blob
// The assertion is on memory, a behaviour: copying the large layer takes no more memory than
// copying a small one, give or take noise far below the difference in size. How long it took
// is printed for the benchmark reader, never asserted.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/core/images/reference.js';
import { copyImages } from '../../../src/core/preload/copier.js';
import { runCopyChild } from '../../support/child-runner.js';
import { pushGeneratedImage } from '../../support/generated-blob.js';
import { manifestDigest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const CI_SIZE_MB = 256;
const SMALL_MB = 16;
const sizeMb = Number(process.env['SEW_RSS_BENCH_MB'] || CI_SIZE_MB);

describe('peak RSS copying one large layer', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;

  beforeAll(async () => {
    [upstream, preload] = await Promise.all([RegistryServer.start(), RegistryServer.start()]);
  }, 600_000);
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose()]);
  });

  /** Copies a generated `mb` MB layer in a child process: its peak RSS (MB), bytes copied, and how long it took. */
  async function copyLayer(repository: string, mb: number): Promise<{ peakMb: number; bytes: number; seedMs: number; copyMs: number }> {
    const seeded = Date.now();
    const manifest = await pushGeneratedImage(upstream, repository, 'v1', repository, mb * 1024 * 1024);
    const seedMs = Date.now() - seeded;
    let done: Record<string, unknown> | undefined;
    const started = Date.now();
    const child = await runCopyChild({ refs: [`${upstream.host}/${repository}:v1`], target: preload.dataDir, upstream: upstream.url }, (line) => {
      if (line['type'] === 'done') done = line;
    });
    expect(await child.exited).toBe(0);
    const copyMs = Date.now() - started;
    expect(await manifestDigest(preload, `${upstream.host.replace(':', '_')}/${repository}`, 'v1')).toBe(manifest.digest);
    const report = done?.['report'] as { totals: { bytesCopied: number } };
    return { peakMb: Number(done?.['peakRssKb']) / 1024, bytes: report.totals.bytesCopied, seedMs, copyMs };
  }

  it(`copies a ${sizeMb} MB layer in the memory a ${SMALL_MB} MB one takes`, async () => {
    const small = await copyLayer('small/layer', SMALL_MB);
    const large = await copyLayer('big/layer', sizeMb);
    console.log(
      `large layer: ${sizeMb} MB, seeded in ${(large.seedMs / 1000).toFixed(1)} s, copied in ${(large.copyMs / 1000).toFixed(1)} s ` +
        `(process included), ${large.bytes} bytes, peak RSS ${large.peakMb.toFixed(1)} MB (${small.peakMb.toFixed(1)} MB for ${SMALL_MB} MB)`,
    );
    expect(large.bytes).toBeGreaterThanOrEqual(sizeMb * 1024 * 1024);
    expect(small.peakMb).toBeGreaterThan(0);
    // Buffering even a quarter of the extra bytes would show here; streaming does not grow.
    expect(large.peakMb - small.peakMb).toBeLessThan((sizeMb - SMALL_MB) / 4);
    expect(large.peakMb).toBeLessThan(sizeMb / 2);

    const warm = await copyImages([{ source: parseReference(`${upstream.host}/big/layer:v1`) }], {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url }),
      credentials: async () => undefined,
    });
    expect(warm.results[0]).toMatchObject({ source: 'hit', bytesCopied: 0 });
  }, 900_000);
});
