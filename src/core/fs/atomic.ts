import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicOptions {
  /**
   * Where the temporary file is made (same filesystem as `path`); by default beside `path`.
   * A directory of its own keeps half-written files out of directories others list.
   */
  readonly tmpDir?: string;
  /**
   * fsync before the rename (default true). A killed process cannot lose what it wrote, so
   * files that only need to survive a kill, not a power cut, skip the cost.
   */
  readonly sync?: boolean;
}

/** A fresh temporary name in `dir` for something that will be renamed onto `path`. */
export function temporaryPath(dir: string, path: string): string {
  return join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes a file so that readers see the old content or the new, never a part of it. */
export async function writeFileAtomic(path: string, content: string | Uint8Array, options: AtomicOptions = {}): Promise<void> {
  const tmp = temporaryPath(options.tmpDir ?? dirname(path), path);
  await mkdir(dirname(path), { recursive: true });
  try {
    const handle = await open(tmp, 'w', 0o644);
    try {
      await handle.writeFile(content);
      if (options.sync ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
