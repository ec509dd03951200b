// The action's post step: hands what main kept to the core's save (stop this home's
// registries always; prune the preload data and save when the cache is on and changed),
// then adds what happened to the job summary. Best-effort: a failure or a declined save
// warns, it never fails the job.
import * as core from '@actions/core';
import { saveCache } from '../core/cache-save.js';
import { describeError } from '../core/errors.js';
import { mirrorsFetchedLine } from '../core/fetched.js';
import { CacheEntries } from './constants.js';
import { defaultActionDeps, type ActionDeps } from './deps.js';
import { actionReporter } from './reporter.js';
import { saveRefusal } from './save-policy.js';
import { stateFromMain } from './state.js';
import { saveSummary } from './summary.js';

export async function post(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  try {
    const state = stateFromMain();
    if (!state) {
      core.info('nothing to clean up: the main step stopped before it resolved the plan');
      return;
    }
    const skip = state.cacheOn && state.cache === undefined ? 'the main step stopped before the cache was restored' : saveRefusal(state.save, deps.env);
    const outcome = await saveCache({ ...state, ...(skip !== undefined && { skip }) }, { ...deps.core, store: deps.cache, reporter: actionReporter });
    if (outcome.mirrorsFetched !== undefined) core.info(mirrorsFetchedLine(outcome.mirrorsFetched));
    await core.summary.addRaw(saveSummary([{ name: CacheEntries.registryData, outcome }, ...(outcome.apart ?? [])])).write();
  } catch (err) {
    core.warning(`post step: ${describeError(err)}`);
  }
}
