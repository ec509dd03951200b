// The action's post step: prune the preload data to the plan's images and save the registry
// data when it changed. Best-effort: a failure or a declined save warns, it never fails the job.
import * as core from '@actions/core';
import { contentFingerprint } from '../core/cache/content.js';
import { prunePreload } from '../core/cache/prune.js';
import { stopRegistries } from '../core/containers/stop.js';
import { describeError } from '../core/errors.js';
import { formatBytes } from '../core/format.js';
import { parseReference } from '../core/images/reference.js';
import { withHomeLock } from '../core/lock.js';
import { State } from './constants.js';
import { defaultActionDeps, type ActionDeps, type CacheState } from './deps.js';
import { actionReporter } from './reporter.js';
import { saveRefusal } from './save-policy.js';

export async function post(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  const raw = core.getState(State.cache);
  if (!raw) {
    core.info('nothing to save: the cache is off or the main step stopped before it');
    return;
  }
  try {
    const state = JSON.parse(raw) as CacheState;
    if (state.paths.length === 0) return;
    const refusal = saveRefusal(state.save, deps.env);
    if (refusal) {
      core.info(`not saving the cache: ${refusal}`);
      return;
    }
    // Under the home's lock: another run of this home must not fill what is being archived.
    await withHomeLock(state.sewHome, actionReporter, () => stopPruneAndSave(deps, state));
  } catch (err) {
    core.warning(`cache not saved: ${describeError(err)}`);
  }
}

async function stopPruneAndSave(deps: ActionDeps, state: CacheState): Promise<void> {
  await core.group('Stop registries', async () => {
    // A registry written to while it is archived would be saved half-done. Only this home's:
    // another job's registries on the same Docker host are none of this job's business.
    const stopped = await stopRegistries(await deps.up.docker(), state.home);
    core.info(stopped.length ? `stopped ${stopped.join(', ')}` : 'no registry running');
  });
  const preload = state.preload;
  if (preload) {
    await core.group('Prune preload data', async () => {
      const result = await prunePreload(preload.data, preload.refs.map((r) => parseReference(r)));
      if (!result.pruned) core.info(`kept everything: ${result.reason}`);
      else core.info(`removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads`);
    });
  }
  await core.group('Save cache', async () => {
    const key = `${state.keyPrefix}-${await contentFingerprint(state.paths)}`;
    if (key === state.restoredKey) {
      core.info(`${key} restored and unchanged: not saving`);
      return;
    }
    const result = await deps.cache.save(state.paths, key);
    if (result.saved) core.info(`saved ${key}`);
    else core.warning(`cache not saved: ${result.reason}`);
  });
}
