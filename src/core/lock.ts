// One run at a time per $SEW_HOME: self-hosted runners may start two jobs on one machine,
// and two runs filling the same registries and hosts files would interleave.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { RuntimeError } from './errors.js';
import type { Reporter } from './ports/reporter.js';

const DEFAULT_LOCK_WAIT_MS = 10 * 60 * 1000;

export async function withHomeLock<T>(sewHome: string, reporter: Reporter, work: () => Promise<T>, waitMs = DEFAULT_LOCK_WAIT_MS): Promise<T> {
  await mkdir(sewHome, { recursive: true });
  const options = {
    realpath: false,
    lockfilePath: join(sewHome, '.lock'),
    // A holder that died stops refreshing its lock; after this long it is taken over.
    stale: 30_000,
    update: 10_000,
    onCompromised: (err: Error) => reporter.warn(`the lock on ${sewHome} was lost: ${err.message}`),
  };
  const deadline = Date.now() + waitMs;
  let told = false;
  let release: (() => Promise<void>) | undefined;
  while (!release) {
    try {
      release = await lockfile.lock(sewHome, options);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ELOCKED') throw new RuntimeError(`cannot lock ${sewHome}: ${(err as Error).message}`);
      if (Date.now() >= deadline) throw new RuntimeError(`another sew-ci run still holds ${sewHome} after ${seconds(waitMs)} s (lock ${options.lockfilePath})`);
      if (!told) reporter.info(`another sew-ci run holds ${sewHome}; waiting for it (up to ${seconds(waitMs)} s)`);
      told = true;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await release().catch(() => undefined);
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}
