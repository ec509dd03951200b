import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import {
  cliReporter
} from "./chunk-3RQSMHPC.js";
import {
  DEFAULT_CLUSTER_NAME,
  refuseSharedHome
} from "./chunk-5PJVXLQS.js";
import {
  homeIdentity,
  realPath
} from "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import {
  sewHome
} from "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/core/down.ts
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import { isAbsolute, join, relative } from "node:path";
async function down(options, deps) {
  refuseSharedHome(options.sewHome, options.env);
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}
async function tearDown(options, deps) {
  const names = await deps.cluster.known(options.sewHome);
  const name = options.name ?? (names.length === 1 ? names[0] : void 0) ?? DEFAULT_CLUSTER_NAME;
  const cluster = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    const outcome = await deps.cluster.remove(options.sewHome, name);
    if (outcome === "no-kind") deps.reporter.info("kind is not installed: could not check for a cluster to delete");
    if (outcome === "absent") deps.reporter.info(`no Kind cluster named ${name}`);
    return outcome;
  });
  const state = await deps.cluster.forget(options.sewHome, name);
  if (!options.purge) return { name, cluster, removedContainers: [], removedData: [], keptData: [] };
  return deps.reporter.phase("Purge registries and data", async () => {
    const registries = await deps.registries.removeAll(homeIdentity(options.sewHome, options.env).id);
    const data = /* @__PURE__ */ new Set([join(options.sewHome, "mirrors", "hosts"), ...state.hostsDir ? [state.hostsDir] : []]);
    for (const registry of registries) if (registry.data !== void 0) data.add(registry.data);
    const [inside, outside] = partition([...data].filter((dir) => existsSync(dir)), (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, cluster, removedContainers: registries.filter((r) => r.removed).map((r) => r.name), removedData: inside, keptData: outside };
  });
}
function isInside(path, root) {
  const rel = relative(realPath(root), realPath(path));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
function partition(items, test) {
  return [items.filter(test), items.filter((item) => !test(item))];
}

// src/cli/commands/down.ts
var CLUSTER_OUTCOME = {
  deleted: "deleted",
  absent: "not found",
  "no-kind": "not checked (kind is not installed)"
};
async function downCommand({ parsed, io, deps }) {
  const v = parsed.values;
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v["sew-home"]), env: io.env, ...v.name !== void 0 && { name: v.name }, purge: v.purge === true }, { ...await deps(), reporter: cliReporter(io) });
  if (v.json) {
    io.out(`${JSON.stringify(result, null, 2)}
`);
    return 0;
  }
  io.out(`cluster ${result.name}: ${CLUSTER_OUTCOME[result.cluster]}
`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)
`);
  return 0;
}
export {
  downCommand
};
