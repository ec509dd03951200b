// The action's main step: inputs -> plan -> lock -> mask credentials, restore cache -> up ->
// outputs and job summary. GitHub glue only; the work is the core's.
import * as core from '@actions/core';
import { describeError } from '../core/errors.js';
import { withHomeLock } from '../core/lock.js';
import { planOptionsOf } from '../core/options/run-options.js';
import { resolvePlan } from '../core/plan.js';
import { timed, type PhaseTiming } from '../core/report.js';
import { up, type UpResult } from '../core/up.js';
import { verifyPlanPreload } from '../core/verify/offline.js';
import { Outputs, State } from './constants.js';
import { defaultActionDeps, type ActionDeps, type CacheState } from './deps.js';
import { readInputs } from './inputs.js';
import { actionReporter } from './reporter.js';
import { maskCredentials, restoreCache } from './restore-cache.js';
import { summaryMarkdown } from './summary.js';

export async function main(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const version = inputs['kind-version'];
    if (version && inputs.cluster) await core.group(`Install kind ${version}`, () => deps.installKind(version));
    const { reporter, timings, quietly } = timed(actionReporter);
    const plan = await quietly('Resolve sew.yaml', () => resolvePlan(planOptionsOf(inputs, deps.cwd, deps.env)));
    for (const warning of plan.warnings) reporter.warn(warning);
    const { cache, result } = await withHomeLock(plan.sewHome, reporter, async () => {
      const cache = await reporter.phase(inputs.cache ? 'Restore cache' : 'Mask credentials', async () => {
        maskCredentials(plan, deps.env);
        return inputs.cache ? restoreCache(plan, deps.cache, { keyPrefix: inputs['cache-key-prefix'] ?? '', save: inputs.save ?? 'always' }) : undefined;
      });
      if (cache) core.saveState(State.cache, JSON.stringify(cache));
      return { cache, result: await up(plan, { ...deps.up, reporter }) };
    });
    await report(result, timings, cache, inputs.verify === true);
  } catch (err) {
    core.setFailed(describeError(err));
  }
}

async function report(result: UpResult, phases: readonly PhaseTiming[], cache: CacheState | undefined, verify: boolean): Promise<void> {
  const hit = cache?.restoredKey?.startsWith(`${cache.keyPrefix}-`) ?? false;
  core.setOutput(Outputs.cacheHit, String(hit));
  core.setOutput(Outputs.cacheKey, result.plan.cacheKey);
  core.setOutput(Outputs.clusterName, result.plan.cluster.name);
  core.setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? '');
  core.setOutput(Outputs.preloadRegistry, result.preload.registry ?? '');
  core.setOutput(Outputs.images, JSON.stringify(result.preload.images));
  core.setOutput(Outputs.localRegistry, result.local?.pushTarget ?? '');
  if (verify) {
    const checks = await core.group('Verify preloaded images', () => verifyPlanPreload(result.plan));
    const bad = checks.filter((c) => !c.ok);
    core.setOutput(Outputs.verified, String(bad.length === 0));
    for (const c of bad) core.error(`${c.ref}: ${c.problem}`);
    if (bad.length) core.setFailed(`${bad.length} preloaded image(s) incomplete: ${bad.map((c) => c.ref).join(', ')}`);
  }
  await core.summary.addRaw(summaryMarkdown(result, phases, { hit, ...(cache?.restoredKey && { restoredKey: cache.restoredKey }) })).write();
  if (result.failed.length) core.setFailed(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}`);
}
