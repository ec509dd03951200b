import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  checkValues
} from "./chunk-YFU45NAT.js";
import "./chunk-ELCIYSD3.js";
import "./chunk-SHSIKJIZ.js";
import "./chunk-XTWZAQJ7.js";
import "./chunk-GPOVTMB7.js";
import "./chunk-HXUZOVDA.js";
export {
  checkValues
};
