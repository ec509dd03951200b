import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  actionReporter,
  defaultActionDeps,
  info,
  saveRefusal,
  stateFromMain,
  warning
} from "./chunk-3GTL3AX6.js";
import {
  describePrune,
  pruneTo
} from "./chunk-DF2KSQHY.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-EYA4CR2G.js";
import "./chunk-YU5Q5Q45.js";
import "./chunk-QEZUSFSQ.js";
import "./chunk-TCWCERWE.js";
import {
  contentFingerprint,
  saveKey
} from "./chunk-77PMIE35.js";
import "./chunk-A663T7FG.js";
import "./chunk-I7IR5773.js";
import {
  withHomeLock
} from "./chunk-PU5VXVU5.js";
import "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
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
