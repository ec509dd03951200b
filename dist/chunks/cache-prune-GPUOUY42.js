import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  prunePreload
} from "./chunk-5TGRUPC7.js";
import {
  planOptionsOf
} from "./chunk-KVRKAVBY.js";
import {
  stopRegistries
} from "./chunk-HAXIPWBT.js";
import {
  cliReporter
} from "./chunk-P6XIBZJE.js";
import {
  defaultUpDeps,
  withHomeLock
} from "./chunk-TQJOFX36.js";
import "./chunk-DT5HYJ6Z.js";
import {
  resolvePlan
} from "./chunk-XYOJR3OW.js";
import "./chunk-SHSIKJIZ.js";
import {
  formatBytes
} from "./chunk-WNNIEYS7.js";
import {
  parseReference
} from "./chunk-XTWZAQJ7.js";
import "./chunk-GPOVTMB7.js";
import "./chunk-HXUZOVDA.js";

// src/cli/commands/cache-prune.ts
async function cachePruneCommand(parsed, io) {
  const plan = await resolvePlan(planOptionsOf(parsed.values, io.cwd, io.env, parsed.contextFlags));
  if (plan.preload.refs.length === 0) {
    io.out("nothing to prune: the plan preloads nothing, so its data is not cached\n");
    return 0;
  }
  const deps = defaultUpDeps(cliReporter(io), io.env);
  const result = await withHomeLock(plan.sewHome, deps.reporter, async () => {
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
