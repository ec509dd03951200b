import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  OPTIONS,
  cliName,
  cliWhere,
  declaration
} from "./chunk-QH2WSXJT.js";
import {
  parseSets
} from "./chunk-WZGOSGSF.js";

// src/core/options/run-options.ts
function planOptionsOf(v, cwd, env, where, contextFlags = []) {
  const switches = switchedOn(v);
  return {
    cwd,
    env,
    // The command line names a flag as typed; the default words are its own.
    ...where !== cliWhere && { where: { preload: where("preload"), mirrors: where("mirrors"), set: where("set"), build: where("build"), flags: where("flags") } },
    ...v.config !== void 0 && { config: v.config },
    ...v.from?.length && { from: v.from },
    ...v.registry !== void 0 && { registry: v.registry },
    flags: [...v.flags ?? [], ...contextFlags],
    ...v.set?.length && { sets: parseSets(v.set, "set") },
    ...v["allow-env"]?.length && { allowEnv: v["allow-env"] },
    ...v["skip-preload"] && { skipPreload: true },
    ...v["sew-home"] !== void 0 && { sewHome: v["sew-home"] },
    ...v["registry-image"] !== void 0 && { registryImage: v["registry-image"] },
    ...v["cluster-name"] !== void 0 && { clusterName: v["cluster-name"] },
    ...v.preload?.length && { extraRefs: v.preload },
    ...v.mirrors?.length && { extraUpstreams: v.mirrors },
    ...v.local && { local: true },
    ...v["local-cache"] && { localCache: true },
    cluster: v.cluster !== false,
    ...v["node-image"] !== void 0 && { nodeImage: v["node-image"] },
    ...v.wait !== void 0 && { wait: v.wait },
    ...v.build && { build: true },
    ...v["cache-registry"] !== void 0 && { cacheRegistry: v["cache-registry"] },
    ...v["cache-registry-mode"] !== void 0 && { cacheRegistryMode: v["cache-registry-mode"] },
    ...switches.length && { switches }
  };
}
function toolRequestsOf(v) {
  return [
    ...v["kind-version"] ? [{ name: "kind", version: v["kind-version"] }] : [],
    ...v["kubectl-version"] ? [{ name: "kubectl", version: v["kubectl-version"] }] : []
  ];
}
function switchedOn(v) {
  return Object.keys(OPTIONS).filter((name) => declaration(name).value === "boolean" && v[name] !== void 0 && v[name] !== (declaration(name).default === "true")).map(cliName);
}

export {
  planOptionsOf,
  toolRequestsOf
};
