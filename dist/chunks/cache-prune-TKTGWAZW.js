import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  prunePreload
} from "./chunk-4FIEIIWU.js";
import {
  stopRegistries
} from "./chunk-WAW2ZGQH.js";
import {
  cliReporter
} from "./chunk-35P75Y3R.js";
import {
  defaultUpDeps,
  withHomeLock
} from "./chunk-KY37JJFN.js";
import "./chunk-VL7MRU25.js";
import "./chunk-XPP4COXA.js";
import {
  resolvePlan
} from "./chunk-OCTRT3Z3.js";
import {
  formatBytes
} from "./chunk-WYO2O326.js";
import {
  parseReference
} from "./chunk-KRPSGNHQ.js";
import {
  planOptionsOf
} from "./chunk-UQZYXPOC.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/cache-prune.ts
async function cachePruneCommand(parsed, io) {
  const plan = await resolvePlan(planOptionsOf(parsed.values, io.cwd, io.env, parsed.contextFlags));
  if (!plan.needs.preloadImages) {
    io.out("nothing to prune: the plan preloads nothing, so its data is not cached\n");
    return 0;
  }
  const deps = defaultUpDeps(io.env);
  const result = await withHomeLock(plan.sewHome, cliReporter(io), async () => {
    await stopRegistries(await deps.docker(), plan.home.id, [plan.preload.container]);
    return prunePreload(plan.preload.data, plan.preload.refs.map((r) => parseReference(r)));
  });
  io.out(
    result.pruned ? `removed ${result.blobs.length} blob(s) (${formatBytes(result.bytes)}), ${result.repositories.length} repositories and ${result.tags.length} tag(s) the plan no longer preloads
` : `kept everything: ${result.reason}
`
  );
  return 0;
}
export {
  cachePruneCommand
};
