// registry:2 (distribution 2.8) expires proxied content 7 days after its first fetch, a
// hard-coded TTL kept in <root>/scheduler-state.json, and deletes entries already past
// expiry when it starts. A mirror cache restored a week after it was filled would empty
// itself on start; pushing every expiry forward before start keeps it serving.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../fs/atomic.js';

const SCHEDULER_STATE = 'scheduler-state.json';
const TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** distribution's schedulerEntry; the expiry's JSON name really is `ExpiryData`. */
interface Entry {
  Key: string;
  ExpiryData: string;
  EntryType: number;
}

/** Returns how many entries were moved forward; a missing or unreadable state is left alone. */
export async function refreshSchedulerState(dataDir: string, now: Date = new Date()): Promise<number> {
  const path = join(dataDir, SCHEDULER_STATE);
  let state: Record<string, Entry>;
  try {
    state = JSON.parse(await readFile(path, 'utf8')) as Record<string, Entry>;
  } catch {
    return 0;
  }
  if (typeof state !== 'object' || state === null) return 0;
  const expiry = new Date(now.getTime() + TTL_MS).toISOString();
  let refreshed = 0;
  for (const entry of Object.values(state)) {
    if (entry && typeof entry === 'object' && 'ExpiryData' in entry) {
      entry.ExpiryData = expiry;
      refreshed++;
    }
  }
  await writeFileAtomic(path, JSON.stringify(state));
  return refreshed;
}
