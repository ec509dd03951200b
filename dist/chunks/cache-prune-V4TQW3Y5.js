import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachePrune
} from "./chunk-BSNWLUWV.js";
import "./chunk-7NSVJVH2.js";
import "./chunk-UT5EMVIM.js";
import "./chunk-PU5VXVU5.js";
import {
  cliReporter
} from "./chunk-3RQSMHPC.js";
import "./chunk-IP5DOBNA.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-Y4OIXTTM.js";
import "./chunk-N2KOKTTK.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-J4KTZT5X.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/cache-prune.ts
async function cachePruneCommand({ io, planOptions, deps }) {
  const outcome = await cachePrune(planOptions, { ...await deps(), reporter: cliReporter(io) });
  io.out(`${outcome.message}
`);
  return 0;
}
export {
  cachePruneCommand
};
