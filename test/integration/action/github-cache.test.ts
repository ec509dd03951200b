// The action's cache store (src/action/github-cache.ts) through the real @actions/cache
// 6.3.0 against the cache-service stand-in: an entry saved and restored by exact key and by
// restore-key prefix, archives uploaded in one PUT or in staged blocks, and the declines the
// library only logs (a key another job reserved, an entry over the size limit), pinned to this
// version's wording, turned into the reason the summary shows.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BlockBlobClient } from '@azure/storage-blob';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { githubCacheStore } from '../../../src/action/github-cache.js';
import { startCacheService, type CacheService } from '../../support/cache-service.js';
import { tempDir } from '../../support/tree.js';

let service: CacheService;
let printed: string[];

function useService(s: CacheService): void {
  for (const [name, value] of Object.entries(s.env)) vi.stubEnv(name, value);
}

/** A directory at a fixed path holding `text`: entries are versioned by their paths. */
const data = join(tempDir('gh-cache-data-'), 'data');
function fill(text: string): void {
  rmSync(data, { recursive: true, force: true });
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'file'), text);
}

beforeAll(async () => {
  service = await startCacheService();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await service?.close();
});
afterEach(() => vi.restoreAllMocks());

function capture(): void {
  printed = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(...String(chunk).split('\n').filter(Boolean)), true));
}

describe('githubCacheStore against the stand-in service', () => {
  it('saves, then restores by exact key and by restore-key prefix, in our words', async () => {
    useService(service);
    capture();
    fill('first');
    expect(await githubCacheStore.save([data], 'sew-v1-abc-0001')).toEqual({ saved: true });
    expect(service.keys()).toEqual(['sew-v1-abc-0001']);
    fill('changed');
    expect(await githubCacheStore.restore([data], 'sew-v1-abc-0001', [])).toBe('sew-v1-abc-0001');
    expect(readFileSync(join(data, 'file'), 'utf8')).toBe('first');
    rmSync(data, { recursive: true });
    expect(await githubCacheStore.restore([data], 'sew-v1-abc', ['sew-v1-abc-', 'sew-v1-'])).toBe('sew-v1-abc-0001');
    expect(readFileSync(join(data, 'file'), 'utf8')).toBe('first');
    expect(printed.filter((l) => l.startsWith('Cache hit for'))).toEqual([]);
  });

  it('restores nothing for entries saved under other paths, saying why', async () => {
    useService(service);
    capture();
    const elsewhere = join(tempDir('gh-cache-data-'), 'data');
    expect(await githubCacheStore.restore([elsewhere], 'sew-v1-abc', ['sew-v1-'])).toBeUndefined();
    expect(printed.join('\n')).toContain(`@actions/cache finds only entries saved under the same paths (${elsewhere})`);
  });

  it('takes an archive uploaded in staged blocks and a block list', async () => {
    useService(service);
    const own = await startCacheService();
    try {
      // The client stages blocks past its single-shot size (128 MiB): the same calls, smaller.
      const create = await fetch(`${own.url}/twirp/github.actions.results.api.v1.CacheService/CreateCacheEntry`, {
        method: 'POST',
        headers: { authorization: `Bearer ${own.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'blocks', version: 'v' }),
      });
      const { signed_upload_url: url } = (await create.json()) as { signed_upload_url: string };
      const archive = Buffer.from('0123456789'.repeat(100));
      const file = join(tempDir('gh-cache-archive-'), 'archive');
      writeFileSync(file, archive);
      await new BlockBlobClient(url).uploadFile(file, { maxSingleShotSize: 100, blockSize: 300 });
      expect(own.calls.filter((c) => c.startsWith('PUT'))).toEqual(['PUT block', 'PUT block', 'PUT block', 'PUT block', 'PUT blocklist']);
      const finalize = await fetch(`${own.url}/twirp/github.actions.results.api.v1.CacheService/FinalizeCacheEntryUpload`, {
        method: 'POST',
        headers: { authorization: `Bearer ${own.env.ACTIONS_RUNTIME_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: 'blocks', version: 'v', size_bytes: String(archive.length) }),
      });
      expect(await finalize.json()).toEqual({ ok: true, entry_id: '1' });
    } finally {
      await own.close();
    }
  });

  it.each([
    {
      name: 'a key another job reserved',
      options: {},
      prepare: (s: CacheService) => s.reserveElsewhere('sew-v1-taken-0001'),
      key: 'sew-v1-taken-0001',
      logged: ['Failed to save: Unable to reserve cache with key sew-v1-taken-0001, another job may be creating this cache.'],
      reason: 'Unable to reserve cache with key sew-v1-taken-0001, another job may be creating this cache.',
    },
    {
      name: 'an entry over the size limit',
      options: { maxEntryBytes: 10 },
      prepare: () => undefined,
      key: 'sew-v1-big-0001',
      logged: [expect.stringMatching(/^::warning::cache entry of \d+ bytes is over the size limit of 10 bytes$/)],
      reason: expect.stringMatching(/^cache entry of \d+ bytes is over the size limit of 10 bytes$/),
    },
  ])('$name: declined, with the reason @actions/cache 6.3.0 only logs', async ({ options, prepare, key, logged, reason }) => {
    const own = await startCacheService(options);
    try {
      useService(own);
      prepare(own);
      capture();
      fill('declined');
      const result = await githubCacheStore.save([data], key);
      expect(result).toEqual({ saved: false, reason });
      // What the runner shows: debug lines are hidden unless debug logging is on.
      expect(printed.filter((l) => !l.startsWith('::debug::') && /Failed|warning|error/.test(l))).toEqual(logged);
      expect(own.keys()).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
