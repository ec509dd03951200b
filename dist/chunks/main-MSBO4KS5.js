import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  Outputs,
  actionReporter,
  cacheRegistryDefault,
  defaultActionDeps,
  error,
  getInput,
  group,
  keepForPost,
  setFailed,
  setOutput,
  summary
} from "./chunk-3GTL3AX6.js";
import {
  checkValues
} from "./chunk-N453EY3Q.js";
import {
  planOptionsOf
} from "./chunk-ZIRYOHUC.js";
import {
  declaration,
  inputOptions,
  inputWhere
} from "./chunk-EMKXHLF2.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-EYA4CR2G.js";
import "./chunk-YU5Q5Q45.js";
import "./chunk-QEZUSFSQ.js";
import "./chunk-TCWCERWE.js";
import {
  runUp
} from "./chunk-EGE2XUIW.js";
import "./chunk-77PMIE35.js";
import "./chunk-CZTA5DDM.js";
import "./chunk-A663T7FG.js";
import "./chunk-I7IR5773.js";
import {
  cacheRegistryLine
} from "./chunk-NCNLFCIP.js";
import "./chunk-PU5VXVU5.js";
import "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
import {
  formatBytes
} from "./chunk-KQX75GDV.js";
import {
  describeError
} from "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/core/cache/handoff.ts
function restoredExactPlan(handoff) {
  return handoff.restoredKey?.startsWith(`${handoff.primaryKey}-`) ?? false;
}

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

// src/action/summary.ts
function summaryMarkdown(result, phases, cache) {
  const lines2 = [`## sew-ci: cluster \`${result.plan.cluster.name}\``, ""];
  lines2.push(cache.restoredKey ? `Cache ${cache.hit ? "hit" : "partial hit"}: \`${cache.restoredKey}\`` : "Cache: none restored", "");
  if (result.preload.images.length) {
    lines2.push("| image | source | copied | digest |", "|---|---|---:|---|");
    for (const i of result.preload.images) {
      const source = i.error ? "**failed**" : i.source === "hit" ? "cache hit" : i.source === "cache-registry" ? "cache registry" : i.source ?? "";
      lines2.push(`| \`${i.ref}\` | ${source} | ${formatBytes(i.bytesCopied)} | ${i.error ? escape(i.error) : `\`${(i.digest ?? "").slice(0, 19)}\``} |`);
    }
    lines2.push("", `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied.`, "");
  }
  if (result.cacheRegistry) lines2.push(`${cacheRegistryLine(result.cacheRegistry, formatBytes)}.`, "");
  if (result.builds.length) {
    lines2.push("| build | image | how | pushed | digest |", "|---|---|---|---:|---|");
    for (const b of result.builds) lines2.push(`| ${b.name} | \`${b.image}\` | ${b.how} | ${formatBytes(b.bytesCopied)} | \`${b.digest.slice(0, 19)}\` |`);
    lines2.push("");
  }
  if (result.mirrors.length) {
    lines2.push("| mirror | container | state |", "|---|---|---|");
    for (const m of result.mirrors) lines2.push(`| ${m.host} | ${m.container} | ${m.problem ? "not serving" : m.degraded ? "cache only" : "serving"} |`);
    lines2.push("");
  }
  lines2.push("| phase | seconds |", "|---|---:|");
  for (const p of phases) lines2.push(`| ${p.name} | ${(p.ms / 1e3).toFixed(1)} |`);
  return `${lines2.join("\n")}
`;
}
function escape(text) {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

// src/action/main.ts
async function main(deps = defaultActionDeps()) {
  try {
    const inputs = readInputs((name) => getInput(name));
    const version = inputs["kind-version"];
    if (version && inputs.cluster) await group(`Install kind ${version}`, () => deps.installKind(version));
    const save = inputs.save ?? "always";
    const outcome = await runUp(
      {
        plan: { ...planOptionsOf(inputs, deps.cwd, deps.env), cacheRegistryDefault: cacheRegistryDefault(deps.env) },
        verify: inputs.verify === true,
        ...inputs.cache && { cache: { store: deps.cache, prefix: inputs["cache-key-prefix"] ?? "", keep: (handoff) => keepForPost({ ...handoff, save }) } }
      },
      { ...deps.core, reporter: actionReporter }
    );
    await report(outcome);
  } catch (err) {
    setFailed(describeError(err));
  }
}
async function report({ result, timings, cache, checks, incomplete }) {
  const hit = cache ? restoredExactPlan(cache) : false;
  setOutput(Outputs.cacheHit, String(hit));
  setOutput(Outputs.cacheKey, result.plan.cacheKey);
  setOutput(Outputs.clusterName, result.plan.cluster.name);
  setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? "");
  setOutput(Outputs.preloadRegistry, result.preload.registry ?? "");
  setOutput(Outputs.images, JSON.stringify(result.preload.images));
  setOutput(Outputs.localRegistry, result.local?.pushTarget ?? "");
  if (checks) {
    setOutput(Outputs.verified, String(incomplete.length === 0));
    for (const c of incomplete) error(`${c.ref}: ${c.problem}`);
    if (incomplete.length) setFailed(`${incomplete.length} preloaded image(s) incomplete: ${incomplete.map((c) => c.ref).join(", ")}`);
  }
  await summary.addRaw(summaryMarkdown(result, timings, { hit, ...cache?.restoredKey && { restoredKey: cache.restoredKey } })).write();
  if (result.failed.length) setFailed(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(", ")}`);
}
export {
  main
};
