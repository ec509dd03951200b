import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  defaultDeps
} from "./chunk-EYA4CR2G.js";
import "./chunk-YU5Q5Q45.js";
import "./chunk-QEZUSFSQ.js";
import "./chunk-TCWCERWE.js";
import "./chunk-A663T7FG.js";
import "./chunk-I7IR5773.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
import "./chunk-KQX75GDV.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";
export {
  defaultDeps
};
