// Which $SEW_HOME a run belongs to. Several homes may share one Docker host (self-hosted
// runners, parallel jobs): everything a home starts there carries its id, and any home but
// the default one gets names and ports of its own.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { defaultSewHome } from '../paths.js';

export interface HomeIdentity {
  /** A short hash of the home's real path: the value of the home label, the suffix of its names. */
  readonly id: string;
  /** `~/.sew` keeps sew's container names and ports. */
  readonly isDefault: boolean;
}

export function homeIdentity(sewHome: string, env: NodeJS.ProcessEnv): HomeIdentity {
  const real = realPath(sewHome);
  return { id: createHash('sha256').update(real).digest('hex').slice(0, 12), isDefault: real === realPath(defaultSewHome(env)) };
}

/** The real path, also for a home not created yet: symlinks in the part that exists are resolved. */
export function realPath(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}
