import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  checkValues
} from "./chunk-N453EY3Q.js";
import "./chunk-EMKXHLF2.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-CUEROUV4.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";
export {
  checkValues
};
