import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  resolvePlan
} from "./chunk-IP5DOBNA.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-Y4OIXTTM.js";
import "./chunk-N2KOKTTK.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-J4KTZT5X.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";
export {
  DEFAULT_CLUSTER_NAME,
  buildPlan,
  publicPlan,
  resolvePlan
};
