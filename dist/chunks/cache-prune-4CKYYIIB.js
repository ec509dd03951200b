import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachePrune
} from "./chunk-557DI6E6.js";
import "./chunk-SBFLEOHG.js";
import "./chunk-TCWCERWE.js";
import "./chunk-7TFQ7FVR.js";
import "./chunk-RXRAPEGU.js";
import "./chunk-4FQTKZIH.js";
import {
  cliReporter
} from "./chunk-32PKQHBA.js";
import "./chunk-VWAAXZBX.js";
import "./chunk-UGTVDBLT.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-FCALF2L6.js";
import "./chunk-C6X5BUN6.js";
import "./chunk-CUUT63CT.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-C4Y3ZLAW.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/cache-prune.ts
async function cachePruneCommand({ parsed, io, planOptions, deps }) {
  const outcome = await cachePrune(planOptions, { ...await deps(), reporter: cliReporter(io) });
  io.out(parsed.values.json ? `${JSON.stringify(outcome, null, 2)}
` : `${outcome.message}
`);
  return 0;
}
export {
  cachePruneCommand
};
