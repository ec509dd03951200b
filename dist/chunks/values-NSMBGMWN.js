import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  checkValues
} from "./chunk-5FTGG7AE.js";
import "./chunk-QH2WSXJT.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";
export {
  checkValues
};
