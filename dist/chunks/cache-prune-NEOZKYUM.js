import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  prunePreload
} from "./chunk-D4FCCKVT.js";
import {
  stopRegistries
} from "./chunk-ORR2RJKR.js";
import {
  cliReporter
} from "./chunk-NQS5JD4W.js";
import {
  defaultUpDeps,
  withHomeLock
} from "./chunk-ZFIAIMWT.js";
import {
  resolvePlan
} from "./chunk-BGSOVDHP.js";
import {
  formatBytes
} from "./chunk-GEUUM73O.js";
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
