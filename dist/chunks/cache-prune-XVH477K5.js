import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  prunePreload
} from "./chunk-RCSFEZV5.js";
import {
  planOptionsOf
} from "./chunk-25CJQEAP.js";
import {
  stopRegistries
} from "./chunk-X4RHLWCS.js";
import {
  cliReporter
} from "./chunk-PRNW4QJQ.js";
import {
  defaultUpDeps,
  withHomeLock
} from "./chunk-SV7II3PP.js";
import "./chunk-3T5IXW3R.js";
import {
  resolvePlan
} from "./chunk-7O5BMRIT.js";
import "./chunk-HIWIXS2A.js";
import {
  formatBytes
} from "./chunk-BJTG7SL2.js";
import {
  parseReference
} from "./chunk-6QVV3MEJ.js";
import "./chunk-WAC42TTG.js";
import "./chunk-KX7LMD7I.js";

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
