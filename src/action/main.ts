// The action's main step: inputs -> plan -> restore cache -> registries -> preload -> Kind
// -> outputs and job summary. GitHub glue only; the work is the core's `up`.
import * as core from '@actions/core';
import { cachePaths, restoreKeys } from '../core/cache/content.js';
import { dropDamagedBlobsIn } from '../core/cache/verify.js';
import { registryCredentials } from '../core/config/registries.js';
import { describeError } from '../core/errors.js';
import type { Plan } from '../core/plan.js';
import { upOptionsOf } from '../core/options/run-options.js';
import { up } from '../core/up.js';
import { verifyPlanPreload } from '../core/verify/offline.js';
import { Outputs, State } from './constants.js';
import { defaultActionDeps, type ActionDeps, type CacheState } from './deps.js';
import { readInputs } from './inputs.js';
import { summaryMarkdown } from './summary.js';

export async function main(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const version = inputs['kind-version'];
    if (version && inputs.cluster) await core.group(`Install kind ${version}`, () => deps.installKind(version));

    let cache: CacheState | undefined;
    const restore = {
      phase: inputs.cache ? 'Restore cache' : 'Mask credentials',
      run: async (plan: Plan) => {
        // Any credential the run may use is masked before anything could print it.
        for (const endpoint of Object.values(plan.registries)) {
          const credentials = registryCredentials(endpoint, deps.env);
          if (credentials?.password) core.setSecret(credentials.password);
        }
        if (!inputs.cache) return;
        const paths = cachePaths(plan);
        const keys = restoreKeys(inputs['cache-key-prefix'] ?? '', plan);
        let restoredKey: string | undefined;
        try {
          restoredKey = paths.length ? await deps.cache.restore(paths, keys.primary, keys.restoreKeys) : undefined;
          core.info(restoredKey ? `restored ${restoredKey}` : `no cache for ${keys.primary}`);
          if (restoredKey) {
            const check = await dropDamagedBlobsIn(paths);
            core.info(`${check.checked} restored blob(s) checked against their digests`);
            if (check.removed.length) core.warning(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(', ')}`);
          }
        } catch (err) {
          core.warning(`cache not restored: ${describeError(err)}; continuing without it`);
        }
        cache = {
          sewHome: plan.sewHome,
          paths,
          keyPrefix: keys.primary,
          ...(restoredKey && { restoredKey }),
          save: inputs.save ?? 'always',
          ...(paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } }),
        };
        core.saveState(State.cache, JSON.stringify(cache));
      },
    };
    const result = await up(upOptionsOf(inputs, deps.cwd, deps.env), deps.up, { beforeRegistries: restore });

    const hit = cache?.restoredKey?.startsWith(`${cache.keyPrefix}-`) ?? false;
    core.setOutput(Outputs.cacheHit, String(hit));
    core.setOutput(Outputs.cacheKey, result.plan.cacheKey);
    core.setOutput(Outputs.clusterName, result.plan.cluster.name);
    core.setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? '');
    core.setOutput(Outputs.preloadRegistry, result.preload.registry ?? '');
    core.setOutput(Outputs.images, JSON.stringify(result.preload.images));
    core.setOutput(Outputs.localRegistry, result.local?.pushTarget ?? '');
    if (inputs.verify) {
      const checks = await core.group('Verify preloaded images', () => verifyPlanPreload(result.plan));
      const bad = checks.filter((c) => !c.ok);
      core.setOutput(Outputs.verified, String(bad.length === 0));
      for (const c of bad) core.error(`${c.ref}: ${c.problem}`);
      if (bad.length) core.setFailed(`${bad.length} preloaded image(s) incomplete: ${bad.map((c) => c.ref).join(', ')}`);
    }
    await core.summary.addRaw(summaryMarkdown(result, { hit, ...(cache?.restoredKey && { restoredKey: cache.restoredKey }) })).write();
    if (result.failed.length) core.setFailed(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}`);
  } catch (err) {
    core.setFailed(describeError(err));
  }
}
