// The action's main step: inputs -> runUp (resolve, lock, restore the cache, up, verify) ->
// outputs and job summary. GitHub glue only; the work is the core's.
import * as core from '@actions/core';
import { restoredExactPlan } from '../core/cache/handoff.js';
import { describeError } from '../core/errors.js';
import { planOptionsOf, toolRequestsOf } from '../core/options/run-options.js';
import type { OptionValues } from '../core/options/values.js';
import { withTools } from '../core/fetched.js';
import { installTools, type ToolsOutcome } from '../core/tools.js';
import { runUp, type UpOutcome } from '../core/run-up.js';
import { Outputs } from './constants.js';
import { defaultActionDeps, type ActionDeps } from './deps.js';
import { readInputs } from './inputs.js';
import { actionReporter } from './reporter.js';
import { keepForPost } from './state.js';
import { summaryMarkdown } from './summary.js';

export async function main(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const save = inputs.save ?? 'always';
    const prefix = inputs['cache-key-prefix'] ?? '';
    const tools = await installRequested(inputs, prefix, deps);
    const outcome = await runUp(
      {
        plan: planOptionsOf(inputs, deps.cwd, deps.env),
        verify: inputs.verify === true,
        ...(inputs.cache && { cache: { store: deps.cache, prefix, keep: (handoff) => keepForPost({ ...handoff, separate: [...(handoff.separate ?? []), ...(tools?.separate ?? [])], save }) } }),
      },
      { ...deps.core, reporter: actionReporter },
    );
    await report({ ...outcome, result: { ...outcome.result, fetched: withTools(outcome.result.fetched, tools?.bytesFetched ?? 0) } });
  } catch (err) {
    core.setFailed(describeError(err));
  }
}

/** kind and kubectl from $SEW_HOME/tools (restored from their own cache entries), put on the PATH: the plan reads kind's default node image from there. */
async function installRequested(inputs: OptionValues, prefix: string, deps: ActionDeps): Promise<ToolsOutcome | undefined> {
  const requests = toolRequestsOf(inputs);
  if (requests.length === 0) return undefined;
  const outcome = await core.group(`Install ${requests.map((r) => `${r.name} ${r.version}`).join(', ')}`, () =>
    installTools(
      { env: deps.env, cwd: deps.cwd, ...(inputs['sew-home'] !== undefined && { sewHome: inputs['sew-home'] }), tools: requests, ...(inputs.cache && { cache: { store: deps.cache, prefix } }) },
      { downloads: deps.core.downloads, reporter: actionReporter },
    ),
  );
  for (const tool of outcome.tools) core.addPath(tool.dir);
  return outcome;
}

async function report({ result, timings, cache, checks, incomplete }: UpOutcome): Promise<void> {
  const hit = cache ? restoredExactPlan(cache) : false;
  core.setOutput(Outputs.cacheHit, String(hit));
  core.setOutput(Outputs.cacheKey, result.plan.cacheKey);
  core.setOutput(Outputs.clusterName, result.plan.cluster.name);
  core.setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? '');
  core.setOutput(Outputs.preloadRegistry, result.preload.registry ?? '');
  core.setOutput(Outputs.images, JSON.stringify(result.preload.images));
  core.setOutput(Outputs.localRegistry, result.local?.pushTarget ?? '');
  core.setOutput(Outputs.fetched, JSON.stringify(result.fetched));
  if (checks) {
    core.setOutput(Outputs.verified, String(incomplete.length === 0));
    for (const c of incomplete) core.error(`${c.ref}: ${c.problem}`);
    if (incomplete.length) core.setFailed(`${incomplete.length} preloaded image(s) incomplete: ${incomplete.map((c) => c.ref).join(', ')}`);
  }
  await core.summary.addRaw(summaryMarkdown(result, timings, { hit, ...(cache?.restoredKey && { restoredKey: cache.restoredKey }) })).write();
  if (result.failed.length) core.setFailed(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}`);
}
