import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachePrune
} from "./chunk-Q4PZ5ACD.js";
import "./chunk-CYSDDI4Y.js";
import "./chunk-ZJO35WPC.js";
import "./chunk-PU5VXVU5.js";
import {
  cliReporter
} from "./chunk-YBRP2N6Z.js";
import "./chunk-WVRCO47U.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-SGW2MNTT.js";
import "./chunk-43ON7DNS.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-3TIA5SQL.js";
import "./chunk-KQX75GDV.js";
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
