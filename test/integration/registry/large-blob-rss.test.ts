// Memory stays flat whatever the blob size. Opt-in (it writes 2 x SEW_RSS_BENCH_MB to /tmp):
//   SEW_RSS_BENCH_MB=1024 npx vitest run --project integration large-blob
// Prints the copy's peak RSS and timing; asserts only that the copy succeeded and stayed under 200 MB.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReference } from '../../../src/core/images/reference.js';
import { copyImages } from '../../../src/core/oci/copier.js';
import { runCopyChild } from '../../support/child-runner.js';
import { pushGeneratedImage } from '../../support/generated-blob.js';
import { manifestDigest } from '../../support/oci-images.js';
import { RegistryServer } from '../../support/registry-server.js';

const sizeMb = Number(process.env['SEW_RSS_BENCH_MB'] ?? 0);

describe.skipIf(!(sizeMb > 0))('peak RSS copying one large layer', () => {
  let upstream: RegistryServer;
  let preload: RegistryServer;

  beforeAll(async () => {
    [upstream, preload] = await Promise.all([RegistryServer.start(), RegistryServer.start()]);
  }, 600_000);
  afterAll(async () => {
    await Promise.all([upstream?.dispose(), preload?.dispose()]);
  });

  it(`copies a ${sizeMb} MB layer in bounded memory`, async () => {
    const seeded = Date.now();
    const manifest = await pushGeneratedImage(upstream, 'big/layer', 'v1', 'rss-bench', sizeMb * 1024 * 1024);
    const seedMs = Date.now() - seeded;
    let done: Record<string, unknown> | undefined;
    const started = Date.now();
    const child = await runCopyChild({ refs: [`${upstream.host}/big/layer:v1`], target: preload.dataDir, upstream: upstream.url }, (line) => {
      if (line['type'] === 'done') done = line;
    });
    expect(await child.exited).toBe(0);
    const copyMs = Date.now() - started;
    const maxRssMb = Number(done?.['peakRssKb']) / 1024;
    const report = done?.['report'] as { totals: { bytesCopied: number } };
    console.log(
      `large layer: ${sizeMb} MB, seeded in ${(seedMs / 1000).toFixed(1)} s, copied in ${(copyMs / 1000).toFixed(1)} s ` +
        `(process included), ${report.totals.bytesCopied} bytes, peak RSS ${maxRssMb.toFixed(1)} MB`,
    );
    expect(await manifestDigest(preload, `${upstream.host.replace(':', '_')}/big/layer`, 'v1')).toBe(manifest.digest);
    expect(maxRssMb).toBeLessThan(200);

    const warmStarted = Date.now();
    const warm = await copyImages([{ source: parseReference(`${upstream.host}/big/layer:v1`) }], {
      target: { root: preload.dataDir },
      upstream: () => ({ url: upstream.url }),
      credentials: async () => undefined,
    });
    expect(warm.results[0]).toMatchObject({ source: 'hit', bytesCopied: 0 });
    console.log(`warm rerun: ${Date.now() - warmStarted} ms, 0 bytes`);
  }, 900_000);
});
