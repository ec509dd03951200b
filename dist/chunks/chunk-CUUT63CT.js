import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/config/expand.ts
var VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
var VARIABLE_OR_BARE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;
function expandVariables(text, env, where, options = {}) {
  return text.replace(options.bare ? VARIABLE_OR_BARE : VARIABLE, (_, braced, bare) => {
    const name = braced ?? bare;
    const value = env[name];
    if (value === void 0) throw new InputError(where, `environment variable ${name} is not set`);
    return value;
  });
}
function hasVariables(text) {
  return new RegExp(VARIABLE.source).test(text);
}

export {
  expandVariables,
  hasVariables
};
