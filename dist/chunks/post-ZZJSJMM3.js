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
} from "./chunk-S6655JZF.js";
import "./chunk-R25HPQQ3.js";
import {
  describePrune,
  pruneTo
} from "./chunk-BOJ4RGR2.js";
import "./chunk-WG5PZOIG.js";
import "./chunk-5H6HYQPU.js";
import "./chunk-34UAOX5J.js";
import {
  mirrorsFetchedLine
} from "./chunk-NYNBUYWC.js";
import {
  contentFingerprint,
  saveKey,
  storedBytes
} from "./chunk-VGS5JAH5.js";
import {
  separateKey,
  separateLabel,
  separateWhole
} from "./chunk-O6YE2B7E.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import "./chunk-HDYQMWXG.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
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
    if (cache === void 0) return skipped(request.skip ?? "the cache is off");
    const mirrors = cache.mirrors;
    const mirrorsFetched = mirrors && Math.max(0, await storedBytes(mirrors.storage) - mirrors.bytesAtStart);
    const fetched = mirrorsFetched === void 0 ? {} : { mirrorsFetched };
    if (request.skip !== void 0) return { ...skipped(request.skip), ...fetched };
    const preload = cache.preload;
    const pruned = preload ? await reporter.phase("Prune preload data", async () => describePrune(await pruneTo(preload))) : void 0;
    if (pruned !== void 0) reporter.info(pruned);
    const outcome = await reporter.phase("Save cache", async () => {
      const apart = await saveSeparate(cache, deps);
      const data = cache.paths.length === 0 ? skipped("the plan caches no registry data") : await save(cache, deps);
      return { ...data, ...apart.length && { apart } };
    });
    return { ...outcome, ...pruned !== void 0 && { pruned }, ...fetched };
  });
}
async function save(cache, deps) {
  const key = saveKey(cache.prefix, cache.cacheKey, await contentFingerprint(cache.paths));
  if (key === cache.restoredKey) {
    deps.reporter.info(`${key} restored and unchanged: not saving`);
    return { saved: false, key, reason: "unchanged since it was restored" };
  }
  return saveEntry(cache.paths, key, void 0, deps);
}
async function saveSeparate(handoff, deps) {
  const saved = [];
  for (const entry of handoff.separate ?? []) {
    const key = separateKey(handoff.prefix, entry);
    const name = separateLabel(entry);
    const skipped = (reason) => {
      deps.reporter.info(`${key} (${name}): ${reason}, not saving`);
      return { saved: false, key, reason };
    };
    const outcome = entry.restored ? skipped("restored by this key") : !await separateWhole(entry) ? skipped(`not whole in ${entry.paths[0]}`) : await saveEntry(entry.paths, key, name, deps);
    saved.push({ name, outcome });
  }
  return saved;
}
async function saveEntry(paths, key, name, { store, reporter }) {
  const result = await store.save(paths, key).catch((err) => ({ saved: false, reason: describeError(err) }));
  if (result.saved) {
    reporter.info(name === void 0 ? `saved ${key}` : `saved ${key} (${name})`);
    return { saved: true, key };
  }
  reporter.warn(`${name === void 0 ? "" : `${name} `}cache not saved: ${result.reason}`);
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
    const skip = state.cacheOn && state.cache === void 0 ? "the main step stopped before the cache was restored" : saveRefusal(state.save, deps.env);
    const outcome = await saveCache({ ...state, ...skip !== void 0 && { skip } }, { ...deps.core, store: deps.cache, reporter: actionReporter });
    if (outcome.mirrorsFetched !== void 0) info(mirrorsFetchedLine(outcome.mirrorsFetched));
    await summary.addRaw(saveSummary([{ name: CacheEntries.registryData, outcome }, ...outcome.apart ?? []])).write();
  } catch (err) {
    warning(`post step: ${describeError(err)}`);
  }
}
export {
  post
};
