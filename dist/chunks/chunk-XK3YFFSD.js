import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  InputError
} from "./chunk-Z6K67HG4.js";

// src/core/config/variables.ts
var NO_OVERRIDES = /* @__PURE__ */ new Map();
function parseSets(items, where) {
  const sets = {};
  for (const item of items) {
    const problem = setProblem(item);
    if (problem !== void 0) throw new InputError(where, problem);
    const at = item.indexOf("=");
    sets[item.slice(0, at).trim()] = item.slice(at + 1);
  }
  return sets;
}
function setProblem(item) {
  const at = item.indexOf("=");
  const key = at === -1 ? "" : item.slice(0, at).trim();
  if (/^[A-Za-z_][A-Za-z0-9_/-]*(\.[A-Za-z0-9_/-]+)*$/.test(key)) return void 0;
  return `"${item}" must be KEY=VALUE (KEY a variable name, or context.path.name)`;
}
function contextVariables(block, path, received, sets) {
  const vars = {};
  for (const { name, default: value } of block.declared) vars[name] = value;
  for (const [key, value] of Object.entries(sets)) {
    if (!key.includes(".") && Object.hasOwn(vars, key)) vars[key] = value;
  }
  Object.assign(vars, received.get(path) ?? {});
  for (const [key, value] of Object.entries(sets)) {
    const name = scopedName(key, path);
    if (name !== void 0) vars[name] = value;
  }
  return vars;
}
function flatVariables(block, sets) {
  return { ...Object.fromEntries(block.declared.map((d) => [d.name, d.default])), ...sets };
}
function passOn(received, own) {
  const out = new Map([...received].map(([path, vars]) => [path, { ...vars }]));
  for (const { path, name, value } of own) out.set(path, { ...out.get(path), [name]: value });
  return out;
}
function reportVariables(block, values) {
  return block.declared.map((d) => ({
    name: d.name,
    ...d.description !== void 0 && { description: d.description },
    default: d.default,
    value: values[d.name] ?? d.default
  }));
}
function scopedName(key, path) {
  const parts = key.split(".");
  for (let i = parts.length - 1; i >= 1; i--) {
    if (parts.slice(0, i).join("/") === path) return parts.slice(i).join(".");
  }
  return void 0;
}

export {
  NO_OVERRIDES,
  parseSets,
  setProblem,
  contextVariables,
  flatVariables,
  passOn,
  reportVariables
};
