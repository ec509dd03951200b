// A full disk reaches the copier as a bare write error or a registry's HTTP 500: the free
// space of the storage names the likely cause.
import { statfs } from 'node:fs/promises';
import { formatBytes } from '../format.js';

const LOW_DISK_BYTES = 64 * 1024 * 1024;

/** A warning when `path`'s filesystem is all but full; nothing when it is not, or cannot be told. */
export async function fullDiskHint(path: string): Promise<string | undefined> {
  const free = await statfs(path).then((s) => s.bavail * s.bsize, () => undefined);
  return free !== undefined && free < LOW_DISK_BYTES ? `${path} has ${formatBytes(free)} free: the disk is full` : undefined;
}
