// `cache-key` and `cache-paths`: what CI systems without the action need to cache the
// registry data the same way the action does (the same keys, the same directories).
import { cachePaths, contentFingerprint, restoreKeys, saveKey } from '../../core/cache/content.js';
import { writeFileAtomic } from '../../core/fs/atomic.js';
import { InputError } from '../../core/errors.js';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { planOptionsFrom, PLAN_OPTIONS, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';

export const cacheKeyHelp = `Usage: sew-ci cache-key [plan options] [--prefix P] [--content] [--json] [--write FILE | --check FILE]

Prints the cache key of the plan and the restore-key prefixes, as the action uses them.
  --content      the key to save under: the plan key plus a fingerprint of the registry
                 data now on disk (run it after 'up'), so a cache that grew gets a new key
  --write FILE   write the key to FILE, for CI systems that key caches on a file checksum
  --check FILE   exit 1 when FILE does not hold the current key (a committed key file)`;

export const cachePathsHelp = `Usage: sew-ci cache-paths [plan options] [--json]

Prints the directories to cache, one per line: the preload and mirror registry data.`;

export const CACHE_KEY_OPTIONS = { ...PLAN_OPTIONS, prefix: { type: 'string' }, content: { type: 'boolean' }, write: { type: 'string' }, check: { type: 'string' } } as const;

export async function cacheKeyCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const v = parsed.values;
  if (v.write !== undefined && v.check !== undefined) throw new InputError('--check', 'cannot be combined with --write');
  const { resolvePlan } = await import('../../core/plan.js');
  const plan = await resolvePlan(planOptionsFrom(parsed, io.cwd, io.env));
  const prefix = typeof v.prefix === 'string' ? v.prefix : '';
  const keys = restoreKeys(prefix, plan);
  const paths = cachePaths(plan);
  const key = v.content ? saveKey(prefix, plan, await contentFingerprint(paths)) : keys.primary;
  if (typeof v.check === 'string') {
    const written = (await readFile(resolve(io.cwd, v.check), 'utf8').catch(() => '')).trim();
    if (written !== key) {
      io.err(`sew-ci: ${v.check} holds ${written ? `"${written}"` : 'nothing'}, the plan's key is "${key}": run 'sew-ci cache-key --write ${v.check}' and commit it\n`);
      return 1;
    }
  }
  if (typeof v.write === 'string') await writeFileAtomic(resolve(io.cwd, v.write), `${key}\n`);
  io.out(v.json ? `${JSON.stringify({ key, restoreKeys: keys.restoreKeys, paths }, null, 2)}\n` : `${key}\n${keys.restoreKeys.map((k) => `${k}\n`).join('')}`);
  return 0;
}

export async function cachePathsCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const { resolvePlan } = await import('../../core/plan.js');
  const paths = cachePaths(await resolvePlan(planOptionsFrom(parsed, io.cwd, io.env)));
  io.out(parsed.values.json ? `${JSON.stringify(paths)}\n` : paths.map((p) => `${p}\n`).join(''));
  return 0;
}
