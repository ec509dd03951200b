// The CI cache, as the core sees it: the same shape as @actions/cache (immutable keys,
// restore by exact key or newest prefix match), so the action plugs the real service in
// and tests and local runs use a directory.
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface CacheStore {
  /** The key restored (exact, or the newest matching a restore-key prefix), or undefined. */
  restore(paths: readonly string[], primaryKey: string, restoreKeys: readonly string[]): Promise<string | undefined>;
  /** A store may decline (the key exists, the archive is too large): that is a result, not an error. */
  save(paths: readonly string[], key: string): Promise<SaveResult>;
}

export type SaveResult = { readonly saved: true } | { readonly saved: false; readonly reason: string };

/** A cache in a local directory: one sub-directory per key holding a copy of each path. */
export function directoryCacheStore(root: string): CacheStore {
  const entry = (key: string) => join(root, encodeURIComponent(key));
  return {
    async restore(paths, primaryKey, restoreKeys) {
      const keys = (await readdir(root).catch(() => [] as string[])).map(decodeURIComponent);
      let chosen = keys.includes(primaryKey) ? primaryKey : undefined;
      for (const prefix of restoreKeys) {
        if (chosen) break;
        const matches = keys.filter((k) => k.startsWith(prefix));
        const dated = await Promise.all(matches.map(async (k) => ({ k, t: (await stat(join(entry(k), '.saved'))).mtimeMs })));
        chosen = dated.sort((a, b) => b.t - a.t)[0]?.k;
      }
      if (!chosen) return undefined;
      for (const [i, path] of paths.entries()) {
        const saved = join(entry(chosen), String(i));
        if (!(await stat(saved).then(() => true, () => false))) continue;
        await rm(path, { recursive: true, force: true });
        await cp(saved, path, { recursive: true });
      }
      return chosen;
    },
    async save(paths, key) {
      const dir = entry(key);
      // Keys are immutable, as in the GitHub service: the first job to save a key wins.
      if (await stat(dir).then(() => true, () => false)) return { saved: false, reason: `${key} already exists (another job saved it first)` };
      const tmp = `${dir}.partial`;
      await rm(tmp, { recursive: true, force: true });
      await mkdir(tmp, { recursive: true });
      for (const [i, path] of paths.entries()) {
        if (await stat(path).then(() => true, () => false)) await cp(path, join(tmp, String(i)), { recursive: true });
      }
      await writeFile(join(tmp, '.saved'), new Date().toISOString());
      await cp(tmp, dir, { recursive: true });
      await rm(tmp, { recursive: true, force: true });
      return { saved: true };
    },
  };
}
