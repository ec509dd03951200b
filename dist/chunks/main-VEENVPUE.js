import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CacheEntries,
  Outputs,
  actionReporter,
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
} from "./chunk-6WF6BNE3.js";
import {
  checkValues
} from "./chunk-7TRWX7M4.js";
import {
  planOptionsOf
} from "./chunk-HVOCTDCK.js";
import {
  declaration,
  inputOptions,
  inputWhere
} from "./chunk-UFSIQOJF.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-IESK7LJ7.js";
import "./chunk-FEPHJGEV.js";
import "./chunk-SBFLEOHG.js";
import "./chunk-UEGKU2TX.js";
import "./chunk-TCWCERWE.js";
import {
  restoredExactPlan,
  runUp
} from "./chunk-PGUR3NMD.js";
import "./chunk-PGZJOELA.js";
import "./chunk-XRLUU2WS.js";
import "./chunk-7TFQ7FVR.js";
import "./chunk-RXRAPEGU.js";
import "./chunk-XZXFHP35.js";
import "./chunk-4FQTKZIH.js";
import "./chunk-VWAAXZBX.js";
import "./chunk-UGTVDBLT.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-FCALF2L6.js";
import "./chunk-C6X5BUN6.js";
import "./chunk-CUUT63CT.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-C4Y3ZLAW.js";
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
    const version = inputs["kind-version"];
    if (version && inputs.cluster) await group(`Install kind ${version}`, () => deps.installKind(version));
    const save = inputs.save ?? "always";
    const outcome = await runUp(
      {
        plan: { ...planOptionsOf(inputs, deps.cwd, deps.env, inputWhere), cacheRegistryDefault: cacheRegistryDefault(deps.env) },
        verify: inputs.verify === true,
        planned: (plan) => {
          known.cluster = plan.cluster.name;
          reportPlan(plan);
          keepForPost({ sewHome: plan.sewHome, home: plan.home.id, save });
        },
        failed: (failure) => known.failure = failure,
        ...inputs.cache && {
          cache: {
            store: deps.cache,
            prefix: inputs["cache-key-prefix"] ?? "",
            keep: (handoff) => {
              keepForPost({ sewHome: handoff.sewHome, home: handoff.home, save, cache: handoff });
              setOutput(Outputs.cacheHit, String(restoredExactPlan(handoff)));
              known.caches = [cacheEntry(handoff)];
            }
          }
        }
      },
      { ...deps.core, reporter }
    );
    await report(outcome, known);
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
function cacheEntry(handoff) {
  return { name: CacheEntries.registryData, key: handoff.primaryKey, exact: restoredExactPlan(handoff), ...handoff.restoredKey !== void 0 && { restoredKey: handoff.restoredKey } };
}
async function report({ result, timings, checks, incomplete }, known) {
  setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? "");
  setOutput(Outputs.preloadRegistry, result.preload.registry ?? "");
  setOutput(Outputs.images, JSON.stringify(result.preload.images));
  setOutput(Outputs.localRegistry, result.local?.pushTarget ?? "");
  const failures = [];
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
