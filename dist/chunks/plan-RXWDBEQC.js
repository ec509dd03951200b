import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DEFAULT_CLUSTER_NAME,
  DEFAULT_REGISTRY_IMAGE,
  buildPlan,
  publicPlan,
  resolvePlan
} from "./chunk-7O5BMRIT.js";
import "./chunk-HIWIXS2A.js";
import "./chunk-BJTG7SL2.js";
import "./chunk-6QVV3MEJ.js";
import "./chunk-WAC42TTG.js";
import "./chunk-KX7LMD7I.js";
export {
  DEFAULT_CLUSTER_NAME,
  DEFAULT_REGISTRY_IMAGE,
  buildPlan,
  publicPlan,
  resolvePlan
};
