import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cliReporter,
  table
} from "./chunk-35P75Y3R.js";
import {
  announcePreloadRegistry
} from "./chunk-ADJGMRY2.js";
import {
  defaultUpDeps,
  runBuilds,
  withHomeLock
} from "./chunk-KY37JJFN.js";
import "./chunk-VL7MRU25.js";
import "./chunk-XPP4COXA.js";
import {
  readyToRun,
  resolvePlan,
  selectBuilds
} from "./chunk-OCTRT3Z3.js";
import {
  formatBytes
} from "./chunk-WYO2O326.js";
import "./chunk-KRPSGNHQ.js";
import {
  planOptionsOf
} from "./chunk-UQZYXPOC.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/core/build.ts
async function build(options, deps) {
  const plan = await resolvePlan(options, deps.reader);
  for (const warning of plan.warnings) deps.reporter.warn(warning);
  const selected = await readyToRun(selectBuilds(plan.builds, options.names, "sew-ci build"), options.env);
  return withHomeLock(
    plan.sewHome,
    deps.reporter,
    async () => {
      const registry = await announcePreloadRegistry(deps.registries.startPreload(plan, (m) => deps.reporter.info(m)), deps.reporter);
      const builds = await runBuilds(selected, { root: plan.preload.data }, { env: options.env, logDir: plan.buildLogs, ...options.skipPre && { skipPre: true } }, deps);
      return { plan, registry: registry.url, builds };
    },
    options.lockWaitMs
  );
}

// src/cli/commands/build.ts
async function buildCommand(parsed, io) {
  const { values } = parsed;
  const deps = { ...defaultUpDeps(io.env), reporter: cliReporter(io) };
  const result = await build(
    { ...planOptionsOf(values, io.cwd, io.env, parsed.contextFlags), names: [...parsed.positionals], ...values["skip-pre"] && { skipPre: true } },
    deps
  );
  if (values.json) io.out(`${JSON.stringify({ registry: result.registry, builds: result.builds }, null, 2)}
`);
  else {
    io.out(table([["BUILD", "IMAGE", "PUSHED", "DIGEST"], ...result.builds.map((b) => [b.name, b.image, formatBytes(b.bytesCopied), b.digest])]));
    io.out(`${result.builds.length} build(s) in ${result.registry}
`);
  }
  return 0;
}
export {
  buildCommand
};
