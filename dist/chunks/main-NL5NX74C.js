import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  checkValues
} from "./chunk-FYIQY5UM.js";
import {
  declaration,
  inputOptions,
  inputWhere
} from "./chunk-F65MWQCD.js";
import {
  Outputs,
  State,
  actionReporter,
  defaultActionDeps,
  error,
  getInput,
  group,
  info,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  summary,
  warning
} from "./chunk-3OSVTVPP.js";
import {
  restoreKeys
} from "./chunk-53EN6RHH.js";
import "./chunk-WG5PZOIG.js";
import {
  timed
} from "./chunk-277PAX5O.js";
import {
  verifyPlanPreload
} from "./chunk-R4LOOREG.js";
import {
  up
} from "./chunk-ADJGMRY2.js";
import {
  withHomeLock
} from "./chunk-KY37JJFN.js";
import "./chunk-VL7MRU25.js";
import {
  blobDir,
  blobProblem,
  registryRoots,
  storedBlobs
} from "./chunk-XPP4COXA.js";
import {
  resolvePlan
} from "./chunk-OCTRT3Z3.js";
import {
  formatBytes,
  registryCredentials
} from "./chunk-WYO2O326.js";
import "./chunk-KRPSGNHQ.js";
import {
  planOptionsOf
} from "./chunk-UQZYXPOC.js";
import "./chunk-XK3YFFSD.js";
import {
  describeError
} from "./chunk-Z6K67HG4.js";
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

// src/core/cache/verify.ts
import { rm } from "node:fs/promises";
async function dropDamagedBlobs(registryRoot) {
  const removed = [];
  const digests = await storedBlobs(registryRoot);
  let checked = 0;
  for (const digest of digests) {
    const problem = await blobProblem(registryRoot, digest);
    if (problem === "missing") continue;
    checked++;
    if (problem) {
      await rm(blobDir(registryRoot, digest), { recursive: true, force: true });
      removed.push(digest);
    }
  }
  return { checked, removed };
}
async function dropDamagedBlobsIn(paths) {
  let checked = 0;
  const removed = [];
  for (const path of paths) {
    for (const root of await registryRoots(path)) {
      const result = await dropDamagedBlobs(root);
      checked += result.checked;
      removed.push(...result.removed);
    }
  }
  return { checked, removed };
}

// src/action/restore-cache.ts
function maskCredentials(plan, env) {
  for (const endpoint of Object.values(plan.registries)) {
    const credentials = registryCredentials(endpoint, env);
    if (credentials?.password) setSecret(credentials.password);
  }
}
async function restoreCache(plan, store, options) {
  const paths = plan.cachePaths;
  const keys = restoreKeys(options.keyPrefix, plan.cacheKey);
  let restoredKey;
  try {
    restoredKey = paths.length ? await store.restore(paths, keys.primary, keys.restoreKeys) : void 0;
    info(restoredKey ? `restored ${restoredKey}` : `no cache for ${keys.primary}`);
    if (restoredKey) {
      const check = await dropDamagedBlobsIn(paths);
      info(`${check.checked} restored blob(s) checked against their digests`);
      if (check.removed.length) warning(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(", ")}`);
    }
  } catch (err) {
    warning(`cache not restored: ${describeError(err)}; continuing without it`);
  }
  return {
    sewHome: plan.sewHome,
    home: plan.home.id,
    paths,
    keyPrefix: keys.primary,
    ...restoredKey && { restoredKey },
    save: options.save,
    ...paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } }
  };
}

// src/action/summary.ts
function summaryMarkdown(result, phases, cache) {
  const lines2 = [`## sew-ci: cluster \`${result.plan.cluster.name}\``, ""];
  lines2.push(cache.restoredKey ? `Cache ${cache.hit ? "hit" : "partial hit"}: \`${cache.restoredKey}\`` : "Cache: none restored", "");
  if (result.preload.images.length) {
    lines2.push("| image | source | copied | digest |", "|---|---|---:|---|");
    for (const i of result.preload.images) {
      const source = i.error ? "**failed**" : i.source === "hit" ? "cache hit" : i.source ?? "";
      lines2.push(`| \`${i.ref}\` | ${source} | ${formatBytes(i.bytesCopied)} | ${i.error ? escape(i.error) : `\`${(i.digest ?? "").slice(0, 19)}\``} |`);
    }
    lines2.push("", `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied.`, "");
  }
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
    const { reporter, timings, quietly } = timed(actionReporter);
    const plan = await quietly("Resolve sew.yaml", () => resolvePlan(planOptionsOf(inputs, deps.cwd, deps.env)));
    for (const warning2 of plan.warnings) reporter.warn(warning2);
    const { cache, result } = await withHomeLock(plan.sewHome, reporter, async () => {
      const cache2 = await reporter.phase(inputs.cache ? "Restore cache" : "Mask credentials", async () => {
        maskCredentials(plan, deps.env);
        return inputs.cache ? restoreCache(plan, deps.cache, { keyPrefix: inputs["cache-key-prefix"] ?? "", save: inputs.save ?? "always" }) : void 0;
      });
      if (cache2) saveState(State.cache, JSON.stringify(cache2));
      return { cache: cache2, result: await up(plan, { ...deps.up, reporter }) };
    });
    await report(result, timings, cache, inputs.verify === true);
  } catch (err) {
    setFailed(describeError(err));
  }
}
async function report(result, phases, cache, verify) {
  const hit = cache?.restoredKey?.startsWith(`${cache.keyPrefix}-`) ?? false;
  setOutput(Outputs.cacheHit, String(hit));
  setOutput(Outputs.cacheKey, result.plan.cacheKey);
  setOutput(Outputs.clusterName, result.plan.cluster.name);
  setOutput(Outputs.kubeconfig, result.cluster?.kubeconfig ?? "");
  setOutput(Outputs.preloadRegistry, result.preload.registry ?? "");
  setOutput(Outputs.images, JSON.stringify(result.preload.images));
  setOutput(Outputs.localRegistry, result.local?.pushTarget ?? "");
  if (verify) {
    const checks = await group("Verify preloaded images", () => verifyPlanPreload(result.plan));
    const bad = checks.filter((c) => !c.ok);
    setOutput(Outputs.verified, String(bad.length === 0));
    for (const c of bad) error(`${c.ref}: ${c.problem}`);
    if (bad.length) setFailed(`${bad.length} preloaded image(s) incomplete: ${bad.map((c) => c.ref).join(", ")}`);
  }
  await summary.addRaw(summaryMarkdown(result, phases, { hit, ...cache?.restoredKey && { restoredKey: cache.restoredKey } })).write();
  if (result.failed.length) setFailed(`${result.failed.length} image(s) could not be preloaded: ${result.failed.join(", ")}`);
}
export {
  main
};
