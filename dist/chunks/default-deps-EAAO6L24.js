import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  defaultDeps
} from "./chunk-AHYNJOGB.js";
import "./chunk-CNESHI3T.js";
import "./chunk-QEZUSFSQ.js";
import "./chunk-TCWCERWE.js";
import "./chunk-CYSDDI4Y.js";
import "./chunk-ZJO35WPC.js";
import "./chunk-SGW2MNTT.js";
import "./chunk-43ON7DNS.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-3TIA5SQL.js";
import "./chunk-KQX75GDV.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";
export {
  defaultDeps
};
