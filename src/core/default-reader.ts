// The composition root of plan resolution: what reads the files a composition names. Apart from
// default-deps.ts so the commands that only plan load no adapter of effects.
import { join } from 'node:path';
import { netrcCredentials } from './config/netrc.js';
import { createSourceReader, type SourceReader } from './config/sources.js';
import { sewHome } from './paths.js';
import type { PlanOptions } from './plan.js';

/** Files, and context registries over http(s) with netrc credentials; answers kept under the home for offline runs. */
export function sourceReader(options: Pick<PlanOptions, 'env' | 'cwd' | 'sewHome'>): SourceReader {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  return createSourceReader({ cacheDir: join(home, 'cache'), credentials: netrcCredentials(options.env) });
}
