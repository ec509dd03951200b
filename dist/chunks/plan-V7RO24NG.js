import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  refuseSharedHome,
  resolvePlan
} from "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
import "./chunk-KQX75GDV.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";
export {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  refuseSharedHome,
  resolvePlan
};
