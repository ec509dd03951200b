// A tool binary kept under $SEW_HOME, as a restored cache or an earlier run left it: good only
// while its sha256 is the one it was checked against when downloaded.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { checksumFile } from './plan.js';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Why the kept binary cannot be used; undefined when it can. */
export async function cachedToolProblem(binary: string): Promise<'absent' | 'sha256 mismatch' | undefined> {
  const recorded = (await readFile(checksumFile(binary), 'utf8').catch(() => undefined))?.trim();
  const actual = await sha256File(binary).catch(() => undefined);
  if (recorded === undefined || actual === undefined) return 'absent';
  return actual === recorded ? undefined : 'sha256 mismatch';
}
