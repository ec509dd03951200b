// One job of the action as a runner runs it: main, then post, in-process, each step with its
// own runner files (see action-env.ts), against a given cache store. What each step printed,
// wrote and kept is returned for the test to read; the job log goes nowhere else.
import { readFileSync } from 'node:fs';
import { vi } from 'vitest';
import { main } from '../../src/action/main.js';
import { post } from '../../src/action/post.js';
import type { CacheStore } from '../../src/core/cache/store.js';
import { defaultDeps } from '../../src/core/default-deps.js';
import { readRecords, runnerEnv, stepFiles } from './action-env.js';
import { tempDir } from './tree.js';

export interface JobOptions {
  readonly cwd: string;
  readonly cache: CacheStore;
  /** $SEW_HOME; a new directory by default. */
  readonly home?: string;
  readonly env?: Record<string, string>;
  /** Runs between main and post, told the home's id. */
  readonly beforePost?: (homeId: string) => void | Promise<void>;
}

export async function runJob(inputs: Record<string, string>, options: JobOptions) {
  const env = { ...process.env, ...options.env };
  const deps = { core: defaultDeps(env), cache: options.cache, env, cwd: options.cwd };
  const mainFiles = stepFiles();
  runnerEnv({ cluster: 'false', 'sew-home': options.home ?? tempDir('runner-home-'), ...inputs }, mainFiles, {}, options.env);
  const mainLog = await logOf(() => main(deps));
  const mainExit = process.exitCode;
  const kept = readRecords(mainFiles.state)['sew-post'];
  const homeId: string = kept ? JSON.parse(kept).home : '';
  await options.beforePost?.(homeId);
  const postFiles = stepFiles();
  runnerEnv({}, postFiles, readRecords(mainFiles.state), options.env);
  const postLog = await logOf(() => post(deps));
  // The job's environment ends with the job: the next one starts from the test's own.
  vi.unstubAllEnvs();
  return {
    mainExit,
    mainLog,
    outputs: readRecords(mainFiles.output),
    summary: readFileSync(mainFiles.summary, 'utf8'),
    homeId,
    postExit: process.exitCode,
    postLog,
    postSummary: readFileSync(postFiles.summary, 'utf8'),
    state: readFileSync(mainFiles.state, 'utf8'),
  };
}

/** What a step printed to the job log. */
async function logOf(step: () => Promise<void>): Promise<string> {
  const log: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (log.push(String(chunk)), true));
  try {
    await step();
  } finally {
    write.mockImplementation(() => true);
  }
  return log.join('');
}
