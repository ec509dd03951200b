import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';

/**
 * Refuses, before anything reads it, a path that exists but is not a regular file: a FIFO
 * would block the read forever, a directory would read as nothing. Symlinks are followed.
 */
export async function refuseNonRegular(path: string, where: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile()) throw new InputError(where, `${path} is ${kind(info)}, not a regular file`);
}

function kind(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a file';
}
