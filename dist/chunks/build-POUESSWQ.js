import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  announcePreloadRegistry
} from "./chunk-HDYQMWXG.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import {
  cliReporter,
  table
} from "./chunk-3RQSMHPC.js";
import {
  readyToRun,
  resolvePlan,
  selectBuilds
} from "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import {
  formatBytes
} from "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/core/build.ts
async function build(options, deps) {
  const plan = await resolvePlan(options, deps.reader(options));
  for (const warning of plan.warnings) deps.reporter.warn(warning);
  const selected = await readyToRun(selectBuilds(plan.builds, options.names, "sew-ci build"), options.env);
  return withHomeLock(
    plan.sewHome,
    deps.reporter,
    async () => {
      const registry = await announcePreloadRegistry(deps.registries.startPreload(plan, (m) => deps.reporter.info(m)), deps.reporter);
      const builds = await deps.builder.run(selected, { root: plan.preload.data, logDir: plan.buildLogs, ...options.skipPre && { skipPre: true } }, deps.reporter);
      return { plan, registry: registry.url, builds };
    },
    options.lockWaitMs
  );
}

// src/cli/commands/build.ts
async function buildCommand({ parsed, io, planOptions, deps }) {
  const { values } = parsed;
  const result = await build({ ...planOptions, names: [...parsed.positionals], ...values["skip-pre"] && { skipPre: true } }, { ...await deps(), reporter: cliReporter(io) });
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
