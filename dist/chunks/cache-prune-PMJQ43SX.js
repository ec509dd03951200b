import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachePrune
} from "./chunk-DF2KSQHY.js";
import "./chunk-A663T7FG.js";
import "./chunk-I7IR5773.js";
import "./chunk-PU5VXVU5.js";
import {
  cliReporter
} from "./chunk-YBRP2N6Z.js";
import "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
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
