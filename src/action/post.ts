// The action's post step: hands what main restored to the core's save (stop this home's
// registries, prune the preload data to the plan, save when it changed). Best-effort: a
// failure or a declined save warns, it never fails the job.
import * as core from '@actions/core';
import { saveCache } from '../core/cache-save.js';
import { describeError } from '../core/errors.js';
import { mirrorsFetchedLine } from '../core/fetched.js';
import { defaultActionDeps, type ActionDeps } from './deps.js';
import { actionReporter } from './reporter.js';
import { saveRefusal } from './save-policy.js';
import { stateFromMain } from './state.js';

export async function post(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  try {
    const state = stateFromMain();
    if (!state) {
      core.info('nothing to save: the cache is off or the main step stopped before it');
      return;
    }
    if (state.paths.length === 0 && !state.separate?.length) return;
    const refusal = saveRefusal(state.save, deps.env);
    if (refusal) {
      core.info(`not saving the cache: ${refusal}`);
      return;
    }
    const { mirrorsFetched } = await saveCache(state, { ...deps.core, store: deps.cache, reporter: actionReporter });
    if (mirrorsFetched !== undefined) {
      const line = mirrorsFetchedLine(mirrorsFetched);
      core.info(line);
      await core.summary.addRaw(`${line.charAt(0).toUpperCase()}${line.slice(1)}.\n`).write();
    }
  } catch (err) {
    core.warning(`cache not saved: ${describeError(err)}`);
  }
}
