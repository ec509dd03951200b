import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  prunePreload
} from "./chunk-4FIEIIWU.js";
import {
  stopRegistries
} from "./chunk-WAW2ZGQH.js";
import {
  State,
  actionReporter,
  defaultActionDeps,
  getState,
  group,
  info,
  warning
} from "./chunk-3OSVTVPP.js";
import {
  contentFingerprint
} from "./chunk-53EN6RHH.js";
import "./chunk-WG5PZOIG.js";
import {
  withHomeLock
} from "./chunk-KY37JJFN.js";
import "./chunk-VL7MRU25.js";
import "./chunk-XPP4COXA.js";
import {
  formatBytes
} from "./chunk-WYO2O326.js";
import {
  parseReference
} from "./chunk-KRPSGNHQ.js";
import {
  describeError
} from "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

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
  const raw = getState(State.cache);
  if (!raw) {
    info("nothing to save: the cache is off or the main step stopped before it");
    return;
  }
  try {
    const state = JSON.parse(raw);
    if (state.paths.length === 0) return;
    const refusal = saveRefusal(state.save, deps.env);
    if (refusal) {
      info(`not saving the cache: ${refusal}`);
      return;
    }
    await withHomeLock(state.sewHome, actionReporter, () => stopPruneAndSave(deps, state));
  } catch (err) {
    warning(`cache not saved: ${describeError(err)}`);
  }
}
async function stopPruneAndSave(deps, state) {
  await group("Stop registries", async () => {
    const stopped = await stopRegistries(await deps.up.docker(), state.home);
    info(stopped.length ? `stopped ${stopped.join(", ")}` : "no registry running");
  });
  const preload = state.preload;
  if (preload) {
    await group("Prune preload data", async () => {
      const result = await prunePreload(preload.data, preload.refs.map((r) => parseReference(r)));
      if (!result.pruned) info(`kept everything: ${result.reason}`);
      else info(`removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads`);
    });
  }
  await group("Save cache", async () => {
    const key = `${state.keyPrefix}-${await contentFingerprint(state.paths)}`;
    if (key === state.restoredKey) {
      info(`${key} restored and unchanged: not saving`);
      return;
    }
    const result = await deps.cache.save(state.paths, key);
    if (result.saved) info(`saved ${key}`);
    else warning(`cache not saved: ${result.reason}`);
  });
}
export {
  post
};
