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
} from "./chunk-WCVH5HSO.js";
import "./chunk-AJUP47BN.js";
import {
  describePrune,
  pruneTo
} from "./chunk-UCAXWZCO.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-5H6HYQPU.js";
import "./chunk-Y472BDK3.js";
import {
  mirrorsFetchedLine
} from "./chunk-ESRYAVOB.js";
import {
  contentFingerprint,
  saveKey,
  storedBytes
} from "./chunk-VGS5JAH5.js";
import {
  separateKey,
  separateWhole
} from "./chunk-ZVVMTOWZ.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import "./chunk-HWVBIKPK.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import "./chunk-UPGAVRUD.js";
import "./chunk-EGITYCD6.js";
import "./chunk-U35FYXBL.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-BRU4CSBW.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
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
    const mirrors = cache.mirrors;
    const mirrorsFetched = mirrors && Math.max(0, await storedBytes(mirrors.storage) - mirrors.bytesAtStart);
    const fetched = mirrorsFetched === void 0 ? {} : { mirrorsFetched };
    if (request.skip !== void 0) return { ...skipped(request.skip), ...fetched };
    const preload = cache.preload;
    const pruned = preload ? await reporter.phase("Prune preload data", async () => describePrune(await pruneTo(preload))) : void 0;
    if (pruned !== void 0) reporter.info(pruned);
    const outcome = await reporter.phase("Save cache", async () => {
      await saveSeparate(cache, deps);
      return cache.paths.length === 0 ? skipped("the plan caches no registry data") : save(cache, deps);
    });
    return { ...outcome, ...pruned !== void 0 && { pruned }, ...fetched };
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
async function saveSeparate(handoff, { store, reporter }) {
  for (const entry of handoff.separate ?? []) {
    const key = separateKey(handoff.prefix, entry);
    if (entry.restored) reporter.info(`${key} (${entry.name}) restored: not saving`);
    else if (!await separateWhole(entry)) reporter.info(`${key} (${entry.name}): not whole in ${entry.paths[0]}, not saving`);
    else {
      const result = await store.save(entry.paths, key).catch((err) => ({ saved: false, reason: describeError(err) }));
      if (result.saved) reporter.info(`saved ${key} (${entry.name})`);
      else reporter.warn(`${entry.name} cache not saved: ${result.reason}`);
    }
  }
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
    if (outcome.mirrorsFetched !== void 0) info(mirrorsFetchedLine(outcome.mirrorsFetched));
    await summary.addRaw(saveSummary([{ name: CacheEntries.registryData, outcome }])).write();
  } catch (err) {
    warning(`post step: ${describeError(err)}`);
  }
}
export {
  post
};
