// The action's post step: save the registry data when it changed. Best-effort: a failure
// warns, it never fails the job.
import * as core from '@actions/core';
import { contentFingerprint } from '../core/cache/content.js';
import { stopRegistries } from '../core/containers/stop.js';
import { describeError } from '../core/errors.js';
import { homeIdentity } from '../core/home/identity.js';
import { withHomeLock } from '../core/lock.js';
import { State } from './constants.js';
import { defaultActionDeps, type ActionDeps, type CacheState } from './deps.js';
import { actionReporter } from './reporter.js';

export async function post(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  const raw = core.getState(State.cache);
  if (!raw) {
    core.info('nothing to save: the cache is off or the main step stopped before it');
    return;
  }
  try {
    const state = JSON.parse(raw) as CacheState;
    if (state.paths.length === 0) return;
    // Under the home's lock: another run of this home must not fill what is being archived.
    await withHomeLock(state.sewHome, actionReporter, () => stopAndSave(deps, state));
  } catch (err) {
    core.warning(`cache not saved: ${describeError(err)}`);
  }
}

async function stopAndSave(deps: ActionDeps, state: CacheState): Promise<void> {
  await core.group('Stop registries', async () => {
    // A registry written to while it is archived would be saved half-done. Only this home's:
    // another job's registries on the same Docker host are none of this job's business.
    const stopped = await stopRegistries(await deps.up.docker(), homeIdentity(state.sewHome, deps.env).id);
    core.info(stopped.length ? `stopped ${stopped.join(', ')}` : 'no registry running');
  });
  await core.group('Save cache', async () => {
    const key = `${state.keyPrefix}-${await contentFingerprint(state.paths)}`;
    if (key === state.restoredKey) {
      core.info(`${key} restored and unchanged: not saving`);
      return;
    }
    await deps.cache.save(state.paths, key);
    core.info(`saved ${key}`);
  });
}
