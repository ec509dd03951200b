// The action's main step: inputs -> runUp (resolve, lock, restore the cache, up, verify) ->
// outputs and job summary. GitHub glue only; the work is the core's. What the plan decides is
// set as outputs (and kept for post) before the first effect, so a run that fails still
// reports it, with a summary naming the phase that failed.
import * as core from '@actions/core';
import { restoredExactPlan, type CacheHandoff } from '../core/cache/handoff.js';
import { separateKey, separateLabel } from '../core/cache/separate.js';
import { describeError } from '../core/errors.js';
import { withTools } from '../core/fetched.js';
import { inputWhere } from '../core/options/options.js';
import { planOptionsOf, toolRequestsOf } from '../core/options/run-options.js';
import type { OptionValues } from '../core/options/values.js';
import type { Plan } from '../core/plan.js';
import type { Reporter } from '../core/ports/reporter.js';
import { runUp, type RunFailure, type UpOutcome } from '../core/run-up.js';
import { installTools, type ToolsOutcome } from '../core/install-tools.js';
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
    const save = inputs.save ?? 'always';
    const prefix = inputs['cache-key-prefix'] ?? '';
    const started = Date.now();
    const tools = await installRequested(inputs, prefix, deps, reporter).catch((error: unknown) => {
      // Before the plan (it reads kind's default from the kind installed here): the summary still names the phase.
      known.failure = { error, phase: INSTALL_TOOLS, timings: [{ name: INSTALL_TOOLS, ms: Date.now() - started, failed: true }] };
      throw error;
    });
    const outcome = await runUp(
      {
        plan: { ...planOptionsOf(inputs, deps.cwd, deps.env, inputWhere), cacheRegistryDefault: cacheRegistryDefault(deps.env) },
        verify: inputs.verify === true,
        planned: (plan) => {
          known.cluster = plan.cluster.name;
          reportPlan(plan);
          keepForPost({ sewHome: plan.sewHome, home: plan.home.id, save, cacheOn: inputs.cache === true });
        },
        failed: (failure) => (known.failure = failure),
        ...(inputs.cache && {
          cache: {
            store: deps.cache,
            prefix,
            keep: (handoff) => {
              const cache = { ...handoff, separate: [...(handoff.separate ?? []), ...(tools?.separate ?? [])] };
              keepForPost({ sewHome: handoff.sewHome, home: handoff.home, save, cacheOn: true, cache });
              core.setOutput(Outputs.cacheHit, String(restoredExactPlan(handoff)));
              known.caches = cacheEntries(cache);
            },
          },
        }),
      },
      { ...deps.core, reporter },
    );
    await report({ ...outcome, result: { ...outcome.result, fetched: withTools(outcome.result.fetched, tools?.bytesFetched ?? 0) } }, known);
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

/** The registry data's entry, then each entry cached apart (node image, tools): restored by its exact key or not at all. */
function cacheEntries(handoff: CacheHandoff): CacheEntryReport[] {
  const data: CacheEntryReport = { name: CacheEntries.registryData, key: handoff.primaryKey, exact: restoredExactPlan(handoff), ...(handoff.restoredKey !== undefined && { restoredKey: handoff.restoredKey }) };
  const apart = (handoff.separate ?? []).map((entry): CacheEntryReport => {
    const key = separateKey(handoff.prefix, entry);
    return { name: separateLabel(entry), key, exact: entry.restored, ...(entry.restored && { restoredKey: key }) };
  });
  return [data, ...apart];
}

const INSTALL_TOOLS = 'Install tools';

/** kind and kubectl from $SEW_HOME/tools (restored from their own cache entries), put on the PATH: the plan reads kind's default node image from there. */
async function installRequested(inputs: OptionValues, prefix: string, deps: ActionDeps, reporter: Reporter): Promise<ToolsOutcome | undefined> {
  const requests = toolRequestsOf(inputs);
  if (requests.length === 0) return undefined;
  const outcome = await core.group(`${INSTALL_TOOLS}: ${requests.map((r) => `${r.name} ${r.version}`).join(', ')}`, () =>
    installTools(
      { env: deps.env, cwd: deps.cwd, ...(inputs['sew-home'] !== undefined && { sewHome: inputs['sew-home'] }), tools: requests, ...(inputs.cache && { cache: { store: deps.cache, prefix } }) },
      { downloads: deps.core.downloads, reporter },
    ),
  );
  for (const tool of outcome.tools) core.addPath(tool.dir);
  return outcome;
}

async function report({ result, timings, checks, incomplete }: UpOutcome, known: Known): Promise<void> {
  core.setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? '');
  core.setOutput(Outputs.preloadRegistry, result.preload.registry ?? '');
  core.setOutput(Outputs.images, JSON.stringify(result.preload.images));
  core.setOutput(Outputs.localRegistry, result.local?.pushTarget ?? '');
  const failures: string[] = [];
  core.setOutput(Outputs.fetched, JSON.stringify(result.fetched));
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
