import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CacheEntries,
  Outputs,
  actionReporter,
  addPath,
  cacheRegistryDefault,
  defaultActionDeps,
  getInput,
  group,
  keepForPost,
  setFailed,
  setOutput,
  summary,
  summaryMarkdown,
  warning
} from "./chunk-S6655JZF.js";
import "./chunk-R25HPQQ3.js";
import {
  installTools
} from "./chunk-7SFGHDZE.js";
import {
  planOptionsOf,
  toolRequestsOf
} from "./chunk-NYYUVVME.js";
import {
  checkValues
} from "./chunk-5FTGG7AE.js";
import {
  declaration,
  inputOptions,
  inputWhere
} from "./chunk-QH2WSXJT.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-5H6HYQPU.js";
import "./chunk-34UAOX5J.js";
import {
  restoredExactPlan,
  runUp
} from "./chunk-73VRJVCP.js";
import {
  withTools
} from "./chunk-NYNBUYWC.js";
import "./chunk-VGS5JAH5.js";
import {
  separateKey,
  separateLabel
} from "./chunk-O6YE2B7E.js";
import "./chunk-55TXX3SV.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import "./chunk-HDYQMWXG.js";
import "./chunk-4FQTKZIH.js";
import "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import {
  describeError
} from "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/action/inputs.ts
var lines = (text) => text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("#"));
var words = (text) => lines(text).flatMap((l) => l.split(/[\s,]+/)).filter(Boolean);
function readInputs(read) {
  const raw = {};
  for (const name of inputOptions()) {
    const text = read(name);
    const { repeat } = declaration(name);
    const given = repeat === "lines" ? lines(text) : repeat === "words" ? words(text) : text.trim() ? [text.trim()] : [];
    if (given.length) raw[name] = given;
  }
  return checkValues(raw, inputWhere);
}

// src/action/main.ts
async function main(deps = defaultActionDeps()) {
  const known = { caches: [], warnings: [] };
  const reporter = { ...actionReporter, warn: (message) => (known.warnings.push(message), actionReporter.warn(message)) };
  try {
    const inputs = readInputs((name) => getInput(name));
    const save = inputs.save ?? "always";
    const prefix = inputs["cache-key-prefix"] ?? "";
    const started = Date.now();
    const tools = await installRequested(inputs, prefix, deps, reporter).catch((error) => {
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
        failed: (failure) => known.failure = failure,
        ...inputs.cache && {
          cache: {
            store: deps.cache,
            prefix,
            keep: (handoff) => {
              const cache = { ...handoff, separate: [...handoff.separate ?? [], ...tools?.separate ?? []] };
              keepForPost({ sewHome: handoff.sewHome, home: handoff.home, save, cacheOn: true, cache });
              setOutput(Outputs.cacheHit, String(restoredExactPlan(handoff)));
              known.caches = cacheEntries(cache);
            }
          }
        }
      },
      { ...deps.core, reporter }
    );
    await report({ ...outcome, result: { ...outcome.result, fetched: withTools(outcome.result.fetched, tools?.bytesFetched ?? 0) } }, known);
  } catch (err) {
    const message = describeError(err);
    setFailed(message);
    await writeSummary({
      ...known.cluster !== void 0 && { cluster: known.cluster },
      failure: { message, ...known.failure?.phase !== void 0 && { phase: known.failure.phase } },
      caches: known.caches,
      warnings: known.warnings,
      timings: known.failure?.timings ?? []
    });
  }
}
function reportPlan(plan) {
  setOutput(Outputs.cacheHit, "false");
  setOutput(Outputs.cacheKey, plan.cacheKey);
  setOutput(Outputs.clusterName, plan.cluster.name);
  setOutput(Outputs.kubeconfig, plan.needs.cluster ? plan.cluster.kubeconfig : "");
}
function cacheEntries(handoff) {
  const data = { name: CacheEntries.registryData, key: handoff.primaryKey, exact: restoredExactPlan(handoff), ...handoff.restoredKey !== void 0 && { restoredKey: handoff.restoredKey } };
  const apart = (handoff.separate ?? []).map((entry) => {
    const key = separateKey(handoff.prefix, entry);
    return { name: separateLabel(entry), key, exact: entry.restored, ...entry.restored && { restoredKey: key } };
  });
  return [data, ...apart];
}
var INSTALL_TOOLS = "Install tools";
async function installRequested(inputs, prefix, deps, reporter) {
  const requests = toolRequestsOf(inputs);
  if (requests.length === 0) return void 0;
  const outcome = await group(
    `${INSTALL_TOOLS}: ${requests.map((r) => `${r.name} ${r.version}`).join(", ")}`,
    () => installTools(
      { env: deps.env, cwd: deps.cwd, ...inputs["sew-home"] !== void 0 && { sewHome: inputs["sew-home"] }, tools: requests, ...inputs.cache && { cache: { store: deps.cache, prefix } } },
      { downloads: deps.core.downloads, reporter }
    )
  );
  for (const tool of outcome.tools) addPath(tool.dir);
  return outcome;
}
async function report({ result, timings, checks, incomplete }, known) {
  setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? "");
  setOutput(Outputs.preloadRegistry, result.preload.registry ?? "");
  setOutput(Outputs.images, JSON.stringify(result.preload.images));
  setOutput(Outputs.localRegistry, result.local?.pushTarget ?? "");
  const failures = [];
  setOutput(Outputs.fetched, JSON.stringify(result.fetched));
  if (checks) {
    setOutput(Outputs.verified, String(incomplete.length === 0));
    if (incomplete.length) failures.push(`${incomplete.length} preloaded image(s) incomplete: ${incomplete.map((c) => `${c.ref} (${c.problem})`).join(", ")}`);
  }
  if (result.failed.length) failures.push(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(", ")}`);
  await writeSummary({ cluster: result.plan.cluster.name, caches: known.caches, result, ...checks && { checks }, warnings: known.warnings, timings });
  if (failures.length) setFailed(failures.join("; "));
}
async function writeSummary(run) {
  await summary.addRaw(summaryMarkdown(run)).write().catch((err) => warning(`job summary not written: ${describeError(err)}`));
}
export {
  main
};
