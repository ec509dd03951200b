import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  defaultDeps
} from "./chunk-IESK7LJ7.js";
import "./chunk-FEPHJGEV.js";
import "./chunk-SBFLEOHG.js";
import "./chunk-UEGKU2TX.js";
import "./chunk-TCWCERWE.js";
import "./chunk-7TFQ7FVR.js";
import "./chunk-RXRAPEGU.js";
import "./chunk-FCALF2L6.js";
import "./chunk-C6X5BUN6.js";
import "./chunk-CUUT63CT.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-C4Y3ZLAW.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";
export {
  defaultDeps
};
