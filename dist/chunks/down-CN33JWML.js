import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  homeContainers
} from "./chunk-WAW2ZGQH.js";
import {
  cliReporter
} from "./chunk-35P75Y3R.js";
import {
  KindNotInstalledError,
  assertOwnCluster,
  clusterExists,
  defaultUpDeps,
  kind,
  withHomeLock
} from "./chunk-KY37JJFN.js";
import "./chunk-VL7MRU25.js";
import "./chunk-XPP4COXA.js";
import {
  DEFAULT_CLUSTER_NAME
} from "./chunk-OCTRT3Z3.js";
import {
  homeIdentity,
  knownClusterNames,
  readClusterState,
  realPath,
  removeClusterState,
  sewHome
} from "./chunk-WYO2O326.js";
import "./chunk-KRPSGNHQ.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/core/down.ts
import { rm } from "node:fs/promises";
import { relative, isAbsolute } from "node:path";
async function down(options, deps) {
  return withHomeLock(options.sewHome, deps.reporter, () => tearDown(options, deps));
}
async function tearDown(options, deps) {
  const name = options.name ?? await onlyKnownCluster(options.sewHome) ?? DEFAULT_CLUSTER_NAME;
  const state = await readClusterState(options.sewHome, name);
  const clusterDeleted = await deps.reporter.phase(`Delete cluster ${name}`, async () => {
    const exists = await clusterExists(deps.exec, name).catch((err) => {
      if (err instanceof KindNotInstalledError) return void 0;
      throw err;
    });
    if (!exists) {
      deps.reporter.info(exists === void 0 ? "kind is not installed: no cluster to delete" : `no Kind cluster named ${name}`);
      return false;
    }
    await assertOwnCluster(deps.exec, options.sewHome, name, "deleted");
    await kind(deps.exec, ["delete", "cluster", "--name", name]);
    return true;
  });
  await removeClusterState(options.sewHome, name);
  if (!options.purge) return { name, clusterDeleted, removedContainers: [], removedData: [], keptData: [] };
  return deps.reporter.phase("Purge registries and data", async () => {
    const engine = await deps.docker();
    const containers = await homeContainers(engine, homeIdentity(options.sewHome, options.env).id, { all: true });
    const removedContainers = [];
    const data = new Set(state?.hostsDir ? [state.hostsDir] : []);
    for (const container of containers) {
      for (const mount of container.mounts) if (mount.target === "/var/lib/registry") data.add(mount.source);
      if (await engine.remove(container.name)) removedContainers.push(container.name);
    }
    const [inside, outside] = partition([...data], (dir) => isInside(dir, options.sewHome));
    for (const dir of inside) await rm(dir, { recursive: true, force: true });
    for (const dir of outside) deps.reporter.warn(`${dir} is outside ${options.sewHome}: kept`);
    return { name, clusterDeleted, removedContainers, removedData: inside, keptData: outside };
  });
}
function isInside(path, root) {
  const rel = relative(realPath(root), realPath(path));
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}
function partition(items, test) {
  return [items.filter(test), items.filter((item) => !test(item))];
}
async function onlyKnownCluster(sewHome2) {
  const names = await knownClusterNames(sewHome2);
  return names.length === 1 ? names[0] : void 0;
}

// src/cli/commands/down.ts
async function downCommand(parsed, io) {
  const v = parsed.values;
  const deps = { ...defaultUpDeps(io.env), reporter: cliReporter(io) };
  const result = await down({ sewHome: sewHome(io.env, io.cwd, v["sew-home"]), env: io.env, ...v.name !== void 0 && { name: v.name }, purge: v.purge === true }, deps);
  io.out(`cluster ${result.name}: ${result.clusterDeleted ? "deleted" : "not found"}
`);
  if (v.purge) io.out(`removed ${result.removedContainers.length} registry container(s) and ${result.removedData.length} data dir(s)
`);
  return 0;
}
export {
  downCommand
};
