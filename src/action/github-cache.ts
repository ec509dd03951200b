// @actions/cache behind the core's CacheStore.
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import type { CacheStore } from '../core/cache/store.js';
import { RuntimeError } from '../core/errors.js';

function requireService(): void {
  if (!cache.isFeatureAvailable()) throw new RuntimeError('the GitHub cache service is not available on this runner');
}

export const githubCacheStore: CacheStore = {
  async restore(paths, primaryKey, restoreKeys) {
    requireService();
    // Saved keys extend the plan's key with the content's fingerprint, so the client words
    // every hit "Cache hit for restore-key", the exact plan's too: the core says which it was.
    const { result } = await withStdoutLines(() => cache.restoreCache([...paths], primaryKey, [...restoreKeys]), (line) => line.startsWith('Cache hit for'));
    // Said once, for the registry data (the entry restore keys fall back for), not per separate entry.
    if (result === undefined && restoreKeys.length > 0) {
      core.info(`@actions/cache finds only entries saved under the same paths (${paths.join(', ')}): a runner whose $SEW_HOME is elsewhere saves entries this one cannot restore`);
    }
    return result;
  },
  async save(paths, key) {
    requireService();
    // saveCache declines by returning -1 (another job reserved the key, the archive is over
    // the limit, writes are denied, a 5xx) and only logs why: keep that line to name it.
    const { result, lines } = await withStdoutLines(() => cache.saveCache([...paths], key));
    if (result !== -1) return { saved: true };
    return { saved: false, reason: declineReason(lines) };
  },
};

/** Why @actions/cache declined, from what it printed: the service's reason, its save-failure line, else its last warning. */
export function declineReason(lines: readonly string[]): string {
  const messages = lines.map((line) => {
    const command = /^::(warning|error)[^:]*::(.*)$/.exec(line.trim());
    const text = command ? command[2]!.replace(/%0A/g, ' ').replace(/%0D/g, '').replace(/%25/g, '%') : line.trim();
    return { text, flagged: command !== null };
  });
  const explained = (pattern: RegExp) => messages.map((m) => pattern.exec(m.text)?.[1]).filter((t) => t !== undefined).at(-1);
  // The service's own reason for refusing the reservation, when it gave one, says more than the
  // client's "Unable to reserve cache ..., another job may be creating this cache" after it.
  return (
    explained(/Cache reservation failed: (.+)$/) ??
    explained(/(?:Failed to save|Cache save skipped): (.+)$/) ??
    messages.filter((m) => m.flagged).at(-1)?.text ??
    'the cache service declined it without a reason'
  );
}

/** Runs `run` collecting the lines it prints; those `hide` matches are kept out of the log. */
async function withStdoutLines<T>(run: () => Promise<T>, hide: (line: string) => boolean = () => false): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
    const printed = String(chunk).split('\n').filter(Boolean);
    lines.push(...printed);
    if (printed.length > 0 && printed.every(hide)) return true;
    return write(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return { result: await run(), lines };
  } finally {
    process.stdout.write = write;
  }
}
