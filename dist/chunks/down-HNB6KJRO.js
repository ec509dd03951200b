import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  withHomeLock
} from "./chunk-PU5VXVU5.js";
import {
  cliReporter
} from "./chunk-YBRP2N6Z.js";
import {
  DEFAULT_CLUSTER_NAME,
  refuseSharedHome
} from "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import {
  homeIdentity,
  realPath
} from "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
import {
  sewHome
} from "./chunk-KQX75GDV.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/core/down.ts
import { rm } from "node:fs/promises";
import { relative, isAbsolute } from "node:path";
async function down(options, deps) {
  refuseSharedHome(options.sewHome, options.env);
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}
async function tearDown(options, deps) {
  const names = await deps.cluster.known(options.sewHome);
  const name = options.name ?? (names.length === 1 ? names[0] : void 0) ?? DEFAULT_CLUSTER_NAME;
  const clusterDeleted = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    const outcome = await deps.cluster.remove(options.sewHome, name);
    if (outcome === "no-kind") deps.reporter.info("kind is not installed: no cluster to delete");
    if (outcome === "absent") deps.reporter.info(`no Kind cluster named ${name}`);
    return outcome === "deleted";
  });
  const state = await deps.cluster.forget(options.sewHome, name);
  if (!options.purge) return { name, clusterDeleted, removedContainers: [], removedData: [], keptData: [] };
  return deps.reporter.phase("Purge registries and data", async () => {
    const registries = await deps.registries.removeAll(homeIdentity(options.sewHome, options.env).id);
    const data = new Set(state.hostsDir ? [state.hostsDir] : []);
    for (const registry of registries) if (registry.data !== void 0) data.add(registry.data);
    const [inside, outside] = partition([...data], (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, clusterDeleted, removedContainers: registries.filter((r) => r.removed).map((r) => r.name), removedData: inside, keptData: outside };
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
async function downCommand({ parsed, io, deps }) {
  const v = parsed.values;
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v["sew-home"]), env: io.env, ...v.name !== void 0 && { name: v.name }, purge: v.purge === true }, { ...await deps(), reporter: cliReporter(io) });
  io.out(`cluster ${result.name}: ${result.clusterDeleted ? "deleted" : "not found"}
`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)
`);
  return 0;
}
export {
  downCommand
};
