import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CacheEntries,
  actionReporter,
  defaultActionDeps,
  info,
  saveRefusal,
  saveSummary,
  stateFromMain,
  summary,
  warning
} from "./chunk-6WF6BNE3.js";
import {
  describePrune,
  pruneTo
} from "./chunk-557DI6E6.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-IESK7LJ7.js";
import "./chunk-FEPHJGEV.js";
import "./chunk-SBFLEOHG.js";
import "./chunk-UEGKU2TX.js";
import "./chunk-TCWCERWE.js";
import {
  contentFingerprint,
  saveKey
} from "./chunk-PGZJOELA.js";
import "./chunk-7TFQ7FVR.js";
import "./chunk-RXRAPEGU.js";
import "./chunk-XZXFHP35.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
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

// src/core/cache-save.ts
async function saveCache(request, deps) {
  const { reporter } = deps;
  return withHomeLock(request.sewHome, reporter, async () => {
    await reporter.phase("Stop registries", async () => {
      const stopped = await deps.registries.stop(request.home);
      reporter.info(stopped.length ? `stopped ${stopped.join(", ")}` : "no registry running");
    });
    const skipped = (reason) => {
      reporter.info(`not saving the cache: ${reason}`);
      return { saved: false, reason };
    };
    const { cache } = request;
    if (cache === void 0) return skipped("the cache is off");
    if (cache.paths.length === 0) return skipped("the plan caches no registry data");
    if (request.skip !== void 0) return skipped(request.skip);
    const preload = cache.preload;
    const pruned = preload ? await reporter.phase("Prune preload data", async () => describePrune(await pruneTo(preload))) : void 0;
    if (pruned !== void 0) reporter.info(pruned);
    const outcome = await reporter.phase("Save cache", () => save(cache, deps));
    return { ...outcome, ...pruned !== void 0 && { pruned } };
  });
}
async function save(cache, { store, reporter }) {
  const key = saveKey(cache.prefix, cache.cacheKey, await contentFingerprint(cache.paths));
  if (key === cache.restoredKey) {
    reporter.info(`${key} restored and unchanged: not saving`);
    return { saved: false, key, reason: "unchanged since it was restored" };
  }
  const result = await store.save(cache.paths, key).catch((err) => ({ saved: false, reason: describeError(err) }));
  if (result.saved) {
    reporter.info(`saved ${key}`);
    return { saved: true, key };
  }
  reporter.warn(`cache not saved: ${result.reason}`);
  return { saved: false, key, reason: `declined by the cache service: ${result.reason}` };
}

// src/action/post.ts
async function post(deps = defaultActionDeps()) {
  try {
    const state = stateFromMain();
    if (!state) {
      info("nothing to clean up: the main step stopped before it resolved the plan");
      return;
    }
    const skip = saveRefusal(state.save, deps.env);
    const outcome = await saveCache({ ...state, ...skip !== void 0 && { skip } }, { ...deps.core, store: deps.cache, reporter: actionReporter });
    await summary.addRaw(saveSummary([{ name: CacheEntries.registryData, outcome }])).write();
  } catch (err) {
    warning(`post step: ${describeError(err)}`);
  }
}
export {
  post
};
