// `cache-key` and `cache-paths`: what CI systems without the action need to cache the
// registry data the same way the action does (the same keys, the same directories).
import { contentFingerprint, restoreKeys, saveKey } from '../../core/cache/content.js';
import { separateKey } from '../../core/cache/separate.js';
import { writeFileAtomic } from '../../core/fs/atomic.js';
import { refuseNonRegular } from '../../core/fs/regular-file.js';
import { InputError } from '../../core/errors.js';
import { userPath } from '../../core/paths.js';
import { hostPlatformName } from '../../core/oci/platform.js';
import { planFacts, sourceReader } from '../../core/default-reader.js';
import { resolvePlan, type Plan, type PlanOptions } from '../../core/plan.js';
import { open, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { cliName, type OptionName } from '../../core/options/options.js';
import type { CommandContext, Parsed } from '../command.js';

export async function cacheKeyCommand({ parsed, io, planOptions }: CommandContext): Promise<number> {
  const v = parsed.values;
  if (v.write !== undefined && v.check !== undefined) throw new InputError('--check', 'cannot be combined with --write');
  const keyFile = v.write ?? v.check;
  if (v.write !== undefined && v.platform === undefined) {
    throw new InputError('--write', 'needs --platform (the CI runners\', e.g. linux/amd64): a key file written here must match the one CI computes');
  }
  const keyFilePath = keyFile === undefined ? undefined : userPath(keyFile, io.cwd, io.env);
  if (v.write !== undefined && !(await stat(dirname(keyFilePath!)).then((s) => s.isDirectory(), () => false))) {
    throw new InputError('--write', `${dirname(v.write)} is not a directory`);
  }
  const platform = v.platform ?? hostPlatformName();
  const options: PlanOptions = { ...planOptions, platform, ...(keyFile !== undefined && { userConfig: false }) };
  const plan = await resolvePlan(options, sourceReader(options), planFacts);
  const prefix = v['cache-key-prefix'] ?? '';
  const nodeImage = v.entry === 'node-image';
  const separate = nodeImage ? nodeImageEntry(plan) : undefined;
  const keys = nodeImage ? { primary: separate ? separateKey(prefix, separate) : '', restoreKeys: [] } : restoreKeys(prefix, plan.cacheKey);
  const paths = nodeImage ? (separate?.paths ?? []) : plan.cachePaths;
  // The node image's key names its content already: --content gives the same key.
  const key = v.content && !nodeImage ? saveKey(prefix, plan.cacheKey, await contentFingerprint(paths)) : keys.primary;
  if (v.check !== undefined) {
    await refuseNonRegular(keyFilePath!, '--check');
    // Only whether it matches: the file could be any file, and its content is not ours to print.
    const written = (await readHead(keyFilePath!, 4096).catch(() => '')).trim();
    if (written !== key) {
      const fix = ['sew-ci', 'cache-key', ...replayedOptions(parsed, ['check', 'json', 'platform']), '--platform', platform, '--write', v.check].map(shellWord).join(' ');
      io.err(`sew-ci: ${v.check} ${written ? 'holds a different key' : 'is missing or empty'}; the plan's key for ${platform} is "${key}": run '${fix}' and commit it\n`);
      return 1;
    }
  }
  if (keyFilePath !== undefined && v.write !== undefined) await writeFileAtomic(keyFilePath, `${key}\n`);
  io.out(v.json ? `${JSON.stringify({ key, restoreKeys: keys.restoreKeys, paths }, null, 2)}\n` : [key, ...keys.restoreKeys].filter(Boolean).map((k) => `${k}\n`).join(''));
  return 0;
}

/** The node image's entry; undefined when the plan stores no node image. */
function nodeImageEntry(plan: Plan) {
  return plan.separateCaches.find((e) => e.name === 'node-image');
}

export async function cachePathsCommand({ parsed, io, planOptions }: CommandContext): Promise<number> {
  const plan = await resolvePlan(planOptions, sourceReader(planOptions), planFacts);
  const paths = parsed.values.entry === 'node-image' ? (nodeImageEntry(plan)?.paths ?? []) : plan.cachePaths;
  io.out(parsed.values.json ? `${JSON.stringify(paths)}\n` : paths.map((p) => `${p}\n`).join(''));
  return 0;
}

/** A key file is one short line: more than that is read no further. */
async function readHead(path: string, bytes: number): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await file.close();
  }
}

/** The options a command was given, as arguments again (less those named), for a command to suggest. */
function replayedOptions(parsed: Parsed, leave: readonly OptionName[]): string[] {
  const args: string[] = [];
  for (const [name, value] of Object.entries(parsed.raw) as [OptionName, readonly string[] | boolean][]) {
    if (leave.includes(name)) continue;
    if (typeof value === 'boolean') args.push(`--${cliName(name)}`);
    else for (const one of value) args.push(`--${cliName(name)}`, one);
  }
  return [...args, ...parsed.contextFlags.map((f) => `--${f}`)];
}

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
