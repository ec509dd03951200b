import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachePrune
} from "./chunk-BOJ4RGR2.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import "./chunk-4FQTKZIH.js";
import {
  cliReporter
} from "./chunk-3RQSMHPC.js";
import "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
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
