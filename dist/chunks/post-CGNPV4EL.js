import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  actionReporter,
  defaultActionDeps,
  info,
  stateFromMain,
  warning
} from "./chunk-NOPUSYO3.js";
import {
  describePrune,
  pruneTo
} from "./chunk-EDAUTHA5.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-XSLVHZVN.js";
import "./chunk-3FECXXZP.js";
import "./chunk-JBRDZTYV.js";
import "./chunk-TCWCERWE.js";
import {
  contentFingerprint,
  saveKey
} from "./chunk-XV33VMXC.js";
import "./chunk-CYSDDI4Y.js";
import "./chunk-ZJO35WPC.js";
import {
  withHomeLock
} from "./chunk-PU5VXVU5.js";
import "./chunk-HRHUIA4Y.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-SGW2MNTT.js";
import "./chunk-N2KOKTTK.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-3TIA5SQL.js";
import "./chunk-KQX75GDV.js";
import {
  describeError
} from "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/core/cache-save.ts
async function saveCache(handoff, deps) {
  const { reporter } = deps;
  await withHomeLock(handoff.sewHome, reporter, async () => {
    await reporter.phase("Stop registries", async () => {
      const stopped = await deps.registries.stop(handoff.home);
      reporter.info(stopped.length ? `stopped ${stopped.join(", ")}` : "no registry running");
    });
    const preload = handoff.preload;
    if (preload) await reporter.phase("Prune preload data", async () => reporter.info(describePrune(await pruneTo(preload))));
    await reporter.phase("Save cache", async () => {
      const key = saveKey(handoff.prefix, handoff.cacheKey, await contentFingerprint(handoff.paths));
      if (key === handoff.restoredKey) {
        reporter.info(`${key} restored and unchanged: not saving`);
        return;
      }
      const result = await deps.store.save(handoff.paths, key);
      if (result.saved) reporter.info(`saved ${key}`);
      else reporter.warn(`cache not saved: ${result.reason}`);
    });
  });
}

// src/action/save-policy.ts
import { readFileSync } from "node:fs";
function saveRefusal(policy, env) {
  if (policy === "always") return void 0;
  if (policy === "never") return "input save is never";
  const branch = defaultBranch(env.GITHUB_EVENT_PATH);
  if (branch === void 0) return "input save is default-branch, and the event payload names no default branch";
  const ref = env.GITHUB_REF ?? "";
  return ref === `refs/heads/${branch}` ? void 0 : `input save is default-branch (${branch}), and this run is on ${ref || "no ref"}`;
}
function defaultBranch(eventPath) {
  if (!eventPath) return void 0;
  try {
    const event = JSON.parse(readFileSync(eventPath, "utf8"));
    const branch = event.repository?.default_branch;
    return typeof branch === "string" && branch !== "" ? branch : void 0;
  } catch {
    return void 0;
  }
}

// src/action/post.ts
async function post(deps = defaultActionDeps()) {
  try {
    const state = stateFromMain();
    if (!state) {
      info("nothing to save: the cache is off or the main step stopped before it");
      return;
    }
    if (state.paths.length === 0) return;
    const refusal = saveRefusal(state.save, deps.env);
    if (refusal) {
      info(`not saving the cache: ${refusal}`);
      return;
    }
    await saveCache(state, { ...deps.core, store: deps.cache, reporter: actionReporter });
  } catch (err) {
    warning(`cache not saved: ${describeError(err)}`);
  }
}
export {
  post
};
