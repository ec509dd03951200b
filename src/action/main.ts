// The action's main step: inputs -> runUp (resolve, lock, restore the cache, up, verify) ->
// outputs and job summary. GitHub glue only; the work is the core's. What the plan decides is
// set as outputs (and kept for post) before the first effect, so a run that fails still
// reports it, with a summary naming the phase that failed.
import * as core from '@actions/core';
import { restoredExactPlan, type CacheHandoff } from '../core/cache/handoff.js';
import { describeError } from '../core/errors.js';
import { inputWhere } from '../core/options/options.js';
import { planOptionsOf } from '../core/options/run-options.js';
import type { Plan } from '../core/plan.js';
import type { Reporter } from '../core/ports/reporter.js';
import { runUp, type RunFailure, type UpOutcome } from '../core/run-up.js';
import { CacheEntries, Outputs } from './constants.js';
import { defaultActionDeps, type ActionDeps } from './deps.js';
import { readInputs } from './inputs.js';
import { actionReporter } from './reporter.js';
import { cacheRegistryDefault } from './save-policy.js';
import { keepForPost } from './state.js';
import { summaryMarkdown, type CacheEntryReport, type RunSummary } from './summary.js';

/** What the summary says, filled in as the run goes. */
interface Known {
  cluster?: string;
  caches: CacheEntryReport[];
  warnings: string[];
  failure?: RunFailure;
}

export async function main(deps: ActionDeps = defaultActionDeps()): Promise<void> {
  const known: Known = { caches: [], warnings: [] };
  const reporter: Reporter = { ...actionReporter, warn: (message) => (known.warnings.push(message), actionReporter.warn(message)) };
  try {
    const inputs = readInputs((name) => core.getInput(name));
    const version = inputs['kind-version'];
    if (version && inputs.cluster) await core.group(`Install kind ${version}`, () => deps.installKind(version));
    const save = inputs.save ?? 'always';
    const outcome = await runUp(
      {
        plan: { ...planOptionsOf(inputs, deps.cwd, deps.env, inputWhere), cacheRegistryDefault: cacheRegistryDefault(deps.env) },
        verify: inputs.verify === true,
        planned: (plan) => {
          known.cluster = plan.cluster.name;
          reportPlan(plan);
          keepForPost({ sewHome: plan.sewHome, home: plan.home.id, save });
        },
        failed: (failure) => (known.failure = failure),
        ...(inputs.cache && {
          cache: {
            store: deps.cache,
            prefix: inputs['cache-key-prefix'] ?? '',
            keep: (handoff) => {
              keepForPost({ sewHome: handoff.sewHome, home: handoff.home, save, cache: handoff });
              core.setOutput(Outputs.cacheHit, String(restoredExactPlan(handoff)));
              known.caches = [cacheEntry(handoff)];
            },
          },
        }),
      },
      { ...deps.core, reporter },
    );
    await report(outcome, known);
  } catch (err) {
    const message = describeError(err);
    core.setFailed(message);
    await writeSummary({
      ...(known.cluster !== undefined && { cluster: known.cluster }),
      failure: { message, ...(known.failure?.phase !== undefined && { phase: known.failure.phase }) },
      caches: known.caches,
      warnings: known.warnings,
      timings: known.failure?.timings ?? [],
    });
  }
}

/** The outputs the plan alone decides: set before anything runs. */
function reportPlan(plan: Plan): void {
  core.setOutput(Outputs.cacheHit, 'false');
  core.setOutput(Outputs.cacheKey, plan.cacheKey);
  core.setOutput(Outputs.clusterName, plan.cluster.name);
  core.setOutput(Outputs.kubeconfig, plan.needs.cluster ? plan.cluster.kubeconfig : '');
}

function cacheEntry(handoff: CacheHandoff): CacheEntryReport {
  return { name: CacheEntries.registryData, key: handoff.primaryKey, exact: restoredExactPlan(handoff), ...(handoff.restoredKey !== undefined && { restoredKey: handoff.restoredKey }) };
}

async function report({ result, timings, checks, incomplete }: UpOutcome, known: Known): Promise<void> {
  core.setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? '');
  core.setOutput(Outputs.preloadRegistry, result.preload.registry ?? '');
  core.setOutput(Outputs.images, JSON.stringify(result.preload.images));
  core.setOutput(Outputs.localRegistry, result.local?.pushTarget ?? '');
  const failures: string[] = [];
  if (checks) {
    core.setOutput(Outputs.verified, String(incomplete.length === 0));
    if (incomplete.length) failures.push(`${incomplete.length} preloaded image(s) incomplete: ${incomplete.map((c) => `${c.ref} (${c.problem})`).join(', ')}`);
  }
  // One error line per failure: the per-image detail is in the log above and the summary.
  if (result.failed.length) failures.push(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}`);
  await writeSummary({ cluster: result.plan.cluster.name, caches: known.caches, result, ...(checks && { checks }), warnings: known.warnings, timings });
  if (failures.length) core.setFailed(failures.join('; '));
}

async function writeSummary(run: RunSummary): Promise<void> {
  // A runner without a summary file still gets the outputs and the step's result.
  await core.summary
    .addRaw(summaryMarkdown(run))
    .write()
    .catch((err: unknown) => core.warning(`job summary not written: ${describeError(err)}`));
}
