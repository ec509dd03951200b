import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  restoreKeys,
  storedBytes
} from "./chunk-VGS5JAH5.js";
import {
  separateKey
} from "./chunk-O6YE2B7E.js";
import {
  verifyPlanPreload
} from "./chunk-55TXX3SV.js";
import {
  blobDir,
  blobProblem,
  registryRoots,
  storedBlobs
} from "./chunk-ZFLQE3JO.js";
import {
  up
} from "./chunk-HDYQMWXG.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import {
  resolvePlan
} from "./chunk-5PJVXLQS.js";
import {
  registryCredentials
} from "./chunk-EGITYCD6.js";
import {
  describeError
} from "./chunk-G6VKCFWK.js";

// src/core/cache/handoff.ts
function restoredExactPlan(handoff) {
  return handoff.restoredKey?.startsWith(`${handoff.primaryKey}-`) ?? false;
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

// src/core/cache-restore.ts
async function restorePlanCache(plan, store, prefix, reporter) {
  const paths = plan.cachePaths;
  const keys = restoreKeys(prefix, plan.cacheKey);
  let restoredKey;
  try {
    restoredKey = paths.length ? await store.restore(paths, keys.primary, keys.restoreKeys) : void 0;
    if (!restoredKey) reporter.info(`no cache for ${keys.primary}`);
    else if (restoredExactPlan({ primaryKey: keys.primary, restoredKey })) reporter.info(`restored ${restoredKey}: this plan's cache`);
    else reporter.info(`restored ${restoredKey}: the nearest cache, none is saved for ${keys.primary} yet`);
    if (restoredKey) {
      const check = await dropDamagedBlobsIn(paths);
      reporter.info(`${check.checked} restored blob(s) checked against their digests`);
      if (check.removed.length) reporter.warn(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(", ")}`);
    }
  } catch (err) {
    reporter.warn(`cache not restored: ${describeError(err)}; continuing without it`);
  }
  const mirrors = plan.mirrors && paths.includes(plan.mirrors.storage) ? { storage: plan.mirrors.storage, bytesAtStart: await storedBytes(plan.mirrors.storage) } : void 0;
  const separate = [];
  for (const entry of plan.separateCaches) separate.push({ ...entry, restored: await restoreSeparate(entry, store, prefix, reporter) });
  return {
    sewHome: plan.sewHome,
    home: plan.home.id,
    paths,
    prefix,
    cacheKey: plan.cacheKey,
    primaryKey: keys.primary,
    ...restoredKey && { restoredKey },
    ...paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } },
    ...mirrors && { mirrors },
    ...separate.length && { separate }
  };
}
async function restoreSeparate(entry, store, prefix, reporter) {
  const key = separateKey(prefix, entry);
  try {
    const restored = await store.restore(entry.paths, key, []) === key;
    reporter.info(restored ? `restored ${key} (${entry.name})` : `no cache for ${key} (${entry.name})`);
    if (restored) {
      const check = await dropDamagedBlobsIn(entry.paths);
      if (check.removed.length) reporter.warn(`restored ${entry.name} cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(", ")}`);
    }
    return restored;
  } catch (err) {
    reporter.warn(`${entry.name} cache not restored: ${describeError(err)}; continuing without it`);
    return false;
  }
}

// src/core/report.ts
function timed(inner) {
  const timings = [];
  const record = async (name, work) => {
    const start = performance.now();
    let failed = true;
    try {
      const result = await work();
      failed = false;
      return result;
    } finally {
      timings.push({ name, ms: Math.round(performance.now() - start), ...failed && { failed: true } });
    }
  };
  return {
    timings,
    reporter: { ...inner, phase: (name, work) => record(name, () => inner.phase(name, work)) },
    quietly: record
  };
}

// src/core/run-up.ts
async function runUp(options, deps) {
  const { reporter, timings, quietly } = timed(deps.reporter);
  const plan = await quietly("Resolve sew.yaml", () => resolvePlan(options.plan, deps.reader(options.plan), deps.facts));
  for (const warning of plan.warnings) reporter.warn(warning);
  maskCredentials(plan, options.plan.env, reporter);
  options.planned?.(plan);
  let cache;
  try {
    return await withHomeLock(plan.sewHome, reporter, async () => {
      const wanted = options.cache;
      cache = wanted && await reporter.phase("Restore cache", () => restorePlanCache(plan, wanted.store, wanted.prefix, reporter));
      if (wanted && cache) wanted.keep(cache);
      const result = await up(plan, { ...deps, reporter });
      const checks = options.verify ? await reporter.phase("Verify preloaded images", () => verifyPlanPreload(plan)) : void 0;
      return { result, timings, ...cache && { cache }, ...checks && { checks }, incomplete: checks?.filter((c) => !c.ok) ?? [] };
    });
  } catch (error) {
    const phase = timings.find((t) => t.failed)?.name;
    options.failed?.({ error, timings, ...phase !== void 0 && { phase }, ...cache && { cache } });
    throw error;
  }
}
function maskCredentials(plan, env, reporter) {
  if (!reporter.secret) return;
  for (const endpoint of Object.values(plan.registries)) {
    const credentials = registryCredentials(endpoint, env);
    if (credentials?.password) reporter.secret(credentials.password);
  }
}

export {
  restoredExactPlan,
  runUp
};
