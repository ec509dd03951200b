import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  restoreKeys
} from "./chunk-77PMIE35.js";
import {
  verifyPlanPreload
} from "./chunk-CZTA5DDM.js";
import {
  blobDir,
  blobProblem,
  registryRoots,
  storedBlobs
} from "./chunk-I7IR5773.js";
import {
  up
} from "./chunk-NCNLFCIP.js";
import {
  withHomeLock
} from "./chunk-PU5VXVU5.js";
import {
  resolvePlan
} from "./chunk-MITE3WRK.js";
import {
  registryCredentials
} from "./chunk-BWXT4P5J.js";
import {
  describeError
} from "./chunk-Z6K67HG4.js";

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
    reporter.info(restoredKey ? `restored ${restoredKey}` : `no cache for ${keys.primary}`);
    if (restoredKey) {
      const check = await dropDamagedBlobsIn(paths);
      reporter.info(`${check.checked} restored blob(s) checked against their digests`);
      if (check.removed.length) reporter.warn(`restored cache had ${check.removed.length} damaged blob(s), dropped: ${check.removed.join(", ")}`);
    }
  } catch (err) {
    reporter.warn(`cache not restored: ${describeError(err)}; continuing without it`);
  }
  return {
    sewHome: plan.sewHome,
    home: plan.home.id,
    paths,
    prefix,
    cacheKey: plan.cacheKey,
    primaryKey: keys.primary,
    ...restoredKey && { restoredKey },
    ...paths.includes(plan.preload.data) && { preload: { data: plan.preload.data, refs: plan.preload.refs } }
  };
}

// src/core/report.ts
function timed(inner) {
  const timings = [];
  const record = async (name, work) => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      timings.push({ name, ms: Math.round(performance.now() - start) });
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
  const plan = await quietly("Resolve sew.yaml", () => resolvePlan(options.plan, deps.reader(options.plan)));
  for (const warning of plan.warnings) reporter.warn(warning);
  maskCredentials(plan, options.plan.env, reporter);
  return withHomeLock(plan.sewHome, reporter, async () => {
    const wanted = options.cache;
    const cache = wanted && await reporter.phase("Restore cache", () => restorePlanCache(plan, wanted.store, wanted.prefix, reporter));
    if (wanted && cache) wanted.keep(cache);
    const result = await up(plan, { ...deps, reporter });
    const checks = options.verify ? await reporter.phase("Verify preloaded images", () => verifyPlanPreload(plan)) : void 0;
    return { result, timings, ...cache && { cache }, ...checks && { checks }, incomplete: checks?.filter((c) => !c.ok) ?? [] };
  });
}
function maskCredentials(plan, env, reporter) {
  if (!reporter.secret) return;
  for (const endpoint of Object.values(plan.registries)) {
    const credentials = registryCredentials(endpoint, env);
    if (credentials?.password) reporter.secret(credentials.password);
  }
}

export {
  runUp
};
