import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  buildLogDir,
  prepareRegistryImage,
  readyToRun,
  runBuilds,
  startPreloadRegistry
} from "./chunk-2WC7Z2QB.js";
import {
  planOptionsOf
} from "./chunk-25CJQEAP.js";
import {
  cliReporter,
  table
} from "./chunk-PRNW4QJQ.js";
import {
  defaultUpDeps,
  withHomeLock
} from "./chunk-SV7II3PP.js";
import "./chunk-3T5IXW3R.js";
import {
  resolvePlan,
  selectBuilds
} from "./chunk-7O5BMRIT.js";
import "./chunk-HIWIXS2A.js";
import {
  formatBytes
} from "./chunk-BJTG7SL2.js";
import "./chunk-6QVV3MEJ.js";
import "./chunk-WAC42TTG.js";
import "./chunk-KX7LMD7I.js";

// src/core/build/build.ts
async function build(options, deps) {
  const plan = await resolvePlan(options, deps.reader);
  for (const warning of plan.warnings) deps.reporter.warn(warning);
  const selected = await readyToRun(selectBuilds(plan.builds, options.names, "sew-ci build"), options.env);
  return withHomeLock(
    plan.sewHome,
    deps.reporter,
    async () => {
      const docker = await deps.docker();
      await prepareRegistryImage(docker, plan, deps.reporter);
      const registry = await startPreloadRegistry(docker, plan, options.env, deps.reporter);
      const builds = await runBuilds(selected, { root: plan.preload.data }, { env: options.env, logDir: buildLogDir(plan.sewHome), ...options.skipPre && { skipPre: true } }, deps);
      return { plan, registry: registry.url, builds };
    },
    options.lockWaitMs
  );
}

// src/cli/commands/build.ts
async function buildCommand(parsed, io) {
  const { values } = parsed;
  const deps = defaultUpDeps(cliReporter(io), io.env);
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
