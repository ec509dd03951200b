// `cache-key`, `cache-paths` and `cache-prune`: what CI systems without the action need to
// cache the registry data the same way the action does (the same keys, the same directories,
// the same pruning before a save).
import { cachePaths, contentFingerprint, restoreKeys, saveKey } from '../../core/cache/content.js';
import { prunePreload } from '../../core/cache/prune.js';
import { stopRegistries } from '../../core/containers/stop.js';
import { defaultUpDeps } from '../../core/default-deps.js';
import { writeFileAtomic } from '../../core/fs/atomic.js';
import { InputError } from '../../core/errors.js';
import { formatBytes } from '../../core/format.js';
import { parseReference } from '../../core/images/reference.js';
import { withHomeLock } from '../../core/lock.js';
import { hostPlatform, userPath } from '../../core/paths.js';
import { resolvePlan } from '../../core/plan.js';
import { readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { planOptionsFrom, PLAN_OPTIONS, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { cliReporter } from '../reporter.js';

export const cacheKeyHelp = `Usage: sew-ci cache-key [plan options] [--prefix P] [--content] [--json]
                        [--platform OS/ARCH] [--write FILE | --check FILE]

Prints the cache key of the plan and the restore-key prefixes, as the action uses them.
  --content      the key to save under: the plan key plus a fingerprint of the registry
                 data now on disk (run it after 'up'), so a cache that grew gets a new key
  --platform P   the platform the CI runners preload for (default: this machine's)
  --write FILE   write the key to FILE, for CI systems that key caches on a file checksum
                 (a committed key file): needs --platform, and leaves out the user-level
                 $SEW_HOME/sew.yaml, so the key is the same on every machine
  --check FILE   exit 1 when FILE does not hold the current key (computed as --write does),
                 printing the command that writes the right one`;

export const cachePathsHelp = `Usage: sew-ci cache-paths [plan options] [--json]

Prints the directories to cache, one per line: the preload and mirror registry data.`;

export const cachePruneHelp = `Usage: sew-ci cache-prune [plan options]

Stops the preload registry and removes from its data the repositories, tags and blobs the
plan no longer preloads, so the cache saved next tracks the image set. Run it after the
tests, before the CI system saves the cache; the next 'up' starts the registry again.
Mirror data is kept: it holds what the nodes pulled.`;

export const CACHE_KEY_OPTIONS = {
  ...PLAN_OPTIONS,
  prefix: { type: 'string' },
  content: { type: 'boolean' },
  platform: { type: 'string' },
  write: { type: 'string' },
  check: { type: 'string' },
} as const;

const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

export async function cacheKeyCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const v = parsed.values;
  if (v.write !== undefined && v.check !== undefined) throw new InputError('--check', 'cannot be combined with --write');
  if (typeof v.platform === 'string' && !PLATFORM.test(v.platform)) throw new InputError('--platform', `"${v.platform}" is not os/arch[/variant], e.g. linux/amd64`);
  const keyFile = typeof v.write === 'string' ? v.write : typeof v.check === 'string' ? v.check : undefined;
  if (typeof v.write === 'string' && v.platform === undefined) {
    throw new InputError('--write', 'needs --platform (the CI runners\', e.g. linux/amd64): a key file written here must match the one CI computes');
  }
  const keyFilePath = keyFile === undefined ? undefined : userPath(keyFile, io.cwd, io.env);
  if (typeof v.write === 'string' && !(await stat(dirname(keyFilePath!)).then((s) => s.isDirectory(), () => false))) {
    throw new InputError('--write', `${dirname(v.write)} is not a directory`);
  }
  const platform = typeof v.platform === 'string' ? v.platform : hostPlatform();
  const plan = await resolvePlan({ ...planOptionsFrom(parsed, io.cwd, io.env), platform, ...(keyFile !== undefined && { userConfig: false }) });
  const prefix = typeof v.prefix === 'string' ? v.prefix : '';
  const keys = restoreKeys(prefix, plan);
  const paths = cachePaths(plan);
  const key = v.content ? saveKey(prefix, plan, await contentFingerprint(paths)) : keys.primary;
  if (typeof v.check === 'string') {
    const written = (await readFile(keyFilePath!, 'utf8').catch(() => '')).trim();
    if (written !== key) {
      const fix = ['sew-ci', 'cache-key', ...replayedOptions(parsed, ['check', 'json', 'platform']), '--platform', platform, '--write', v.check].map(shellWord).join(' ');
      io.err(`sew-ci: ${v.check} holds ${written ? `"${written}"` : 'nothing'}, the plan's key for ${platform} is "${key}": run '${fix}' and commit it\n`);
      return 1;
    }
  }
  if (keyFilePath !== undefined && typeof v.write === 'string') await writeFileAtomic(keyFilePath, `${key}\n`);
  io.out(v.json ? `${JSON.stringify({ key, restoreKeys: keys.restoreKeys, paths }, null, 2)}\n` : `${key}\n${keys.restoreKeys.map((k) => `${k}\n`).join('')}`);
  return 0;
}

export async function cachePathsCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const { resolvePlan } = await import('../../core/plan.js');
  const paths = cachePaths(await resolvePlan(planOptionsFrom(parsed, io.cwd, io.env)));
  io.out(parsed.values.json ? `${JSON.stringify(paths)}\n` : paths.map((p) => `${p}\n`).join(''));
  return 0;
}

export async function cachePruneCommand(parsed: Parsed, io: CliIO): Promise<number> {
  const plan = await resolvePlan(planOptionsFrom(parsed, io.cwd, io.env));
  if (plan.preload.refs.length === 0) {
    io.out('nothing to prune: the plan preloads nothing, so its data is not cached\n');
    return 0;
  }
  const deps = defaultUpDeps(cliReporter(io), io.env);
  const result = await withHomeLock(plan.sewHome, deps.reporter, async () => {
    await stopRegistries(await deps.docker(), [plan.preload.container]);
    return prunePreload(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
  });
  io.out(
    result.pruned
      ? `removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads\n`
      : `kept everything: ${result.reason}\n`,
  );
  return 0;
}

/** The options a command was given, as arguments again (less those named), for a command to suggest. */
function replayedOptions(parsed: Parsed, leave: readonly string[]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(parsed.values)) {
    if (leave.includes(name) || value === undefined || value === false) continue;
    for (const one of Array.isArray(value) ? value : [value]) args.push(`--${name}`, ...(one === true ? [] : [String(one)]));
  }
  return [...args, ...parsed.contextFlags.map((f) => `--${f}`)];
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
