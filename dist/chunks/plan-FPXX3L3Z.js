import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  refuseSharedHome,
  resolvePlan
} from "./chunk-5PJVXLQS.js";
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
export {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  refuseSharedHome,
  resolvePlan
};
