import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const sew = 'images:\n  mirrors: {}\n  preload:\n    refs: [mongo:7]\n';

describe('cache-key and cache-paths', () => {
  it('print the action’s keys and paths', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    const plan = JSON.parse((await cli(['plan', '--json', '--sew-home', join(dir, 'h')], dir)).stdout);
    const key = await cli(['cache-key', '--json', '--sew-home', join(dir, 'h'), '--prefix', 'ci-'], dir);
    expect(JSON.parse(key.stdout)).toEqual({
      key: `ci-${plan.cacheKey}`,
      restoreKeys: [`ci-${plan.cacheKey}-`, 'ci-sew-v1-'],
      paths: [join(dir, 'h', 'preload'), join(dir, 'h', 'mirrors', 'data')],
    });
    const paths = await cli(['cache-paths', '--sew-home', join(dir, 'h')], dir);
    expect(paths.stdout).toBe(`${join(dir, 'h', 'preload')}\n${join(dir, 'h', 'mirrors', 'data')}\n`);
  });

  it('--write writes the key for checksum-keyed caches; --check refuses a stale one', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    expect((await cli(['cache-key', '--write', '.sew-cache-key'], dir)).code).toBe(0);
    const written = readFileSync(join(dir, '.sew-cache-key'), 'utf8');
    expect(written).toMatch(/^sew-v1-[0-9a-f]{20}\n$/);
    expect((await cli(['cache-key', '--check', '.sew-cache-key'], dir)).code).toBe(0);
    const changed = writeTree({ 'sew.yaml': sew.replace('mongo:7', 'mongo:8'), '.sew-cache-key': written });
    const stale = await cli(['cache-key', '--check', '.sew-cache-key'], changed);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain("run 'sew-ci cache-key --write .sew-cache-key' and commit it");
  });

  it('--content names the data on disk: it changes when a blob is added', async () => {
    const dir = writeTree({ 'sew.yaml': sew });
    const before = (await cli(['cache-key', '--content'], dir, { SEW_HOME: join(dir, 'h') })).stdout.split('\n')[0];
    const blob = join(dir, 'h', 'preload', 'docker', 'registry', 'v2', 'blobs', 'sha256', 'ab', 'ab'.repeat(32));
    writeTree({});
    await import('node:fs').then((fs) => fs.mkdirSync(blob, { recursive: true }));
    const after = (await cli(['cache-key', '--content'], dir, { SEW_HOME: join(dir, 'h') })).stdout.split('\n')[0];
    expect(before).toMatch(/^sew-v1-[0-9a-f]{20}-[0-9a-f]{16}$/);
    expect(after).not.toBe(before);
  });
});
