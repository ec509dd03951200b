import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DEFAULT_CLUSTER_NAME,
  DEFAULT_REGISTRY_IMAGE,
  buildPlan,
  publicPlan,
  resolvePlan
} from "./chunk-XYOJR3OW.js";
import "./chunk-SHSIKJIZ.js";
import "./chunk-WNNIEYS7.js";
import "./chunk-XTWZAQJ7.js";
import "./chunk-GPOVTMB7.js";
import "./chunk-HXUZOVDA.js";
export {
  DEFAULT_CLUSTER_NAME,
  DEFAULT_REGISTRY_IMAGE,
  buildPlan,
  publicPlan,
  resolvePlan
};
