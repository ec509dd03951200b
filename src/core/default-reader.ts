// The composition root of plan resolution: what reads the files a composition names. Apart from
// default-deps.ts so the commands that only plan load no adapter of effects (reading the kind
// binary for its default node image is a read, and the only one).
import { join } from 'node:path';
import { netrcCredentials } from './config/netrc.js';
import { createSourceReader, type SourceReader } from './config/sources.js';
import { sewHome } from './paths.js';
import type { PlanFacts, PlanOptions } from './plan.js';
import { kindDefaultImage } from './adapters/kind/default-image.js';

/** Files, and context registries over http(s) with netrc credentials; answers kept under the home for offline runs. */
export function sourceReader(options: Pick<PlanOptions, 'env' | 'cwd' | 'sewHome'>): SourceReader {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  return createSourceReader({ cacheDir: join(home, 'cache'), credentials: netrcCredentials(options.env) });
}

/** What plan resolution reads from the machine: kind's default node image from the binary on the PATH. */
export const planFacts: PlanFacts = { kindDefault: kindDefaultImage };
