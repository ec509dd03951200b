import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CACHE_ENTRIES,
  OPTIONS,
  SAVE_POLICIES,
  declaration
} from "./chunk-QH2WSXJT.js";
import {
  setProblem
} from "./chunk-WZGOSGSF.js";
import {
  CACHE_REGISTRY_MODES,
  NEVER,
  parseCacheRegistry,
  string
} from "./chunk-AGVPR22D.js";
import {
  platformProblem
} from "./chunk-EBQAAFSX.js";
import {
  CLUSTER_NAME_RULE,
  FLAG_NAME_RULE,
  ImageReferenceError,
  isClusterName,
  isFlagName,
  normaliseReference
} from "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/kind/duration.ts
var UNIT_MS = { ns: 1e-6, us: 1e-3, \u00B5s: 1e-3, \u03BCs: 1e-3, ms: 1, s: 1e3, m: 6e4, h: 36e5 };
var PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
var DURATION_HINT = "a duration such as 60s, 5m or 1m30s";
function goDurationMs(text2) {
  if (text2 === "0") return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text2.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text2);
    if (!match || match.index !== start) return void 0;
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return text2.length > 0 ? total : void 0;
}

// src/core/options/values.ts
var KIND_VERSION = /^v\d+\.\d+\.\d+$/;
var PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;
var text = string().trim().min(1, "needs a value");
var matching = (hint, ok) => text.refine(ok, { error: (issue) => `must be ${hint}, not "${String(issue.input)}"` });
var checkedBy = (parse) => text.transform((v, ctx) => {
  try {
    parse(v);
    return v;
  } catch (err) {
    if (!(err instanceof ImageReferenceError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message });
    return NEVER;
  }
});
var VALUE_TYPES = {
  boolean: string().transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (["true", "yes", "1"].includes(v)) return true;
    if (["false", "no", "0"].includes(v)) return false;
    ctx.addIssue({ code: "custom", message: `must be true or false, not "${value}"` });
    return NEVER;
  }),
  text,
  path: text,
  setting: text.refine((v) => setProblem(v) === void 0, { error: (issue) => `must be KEY=VALUE (KEY a variable name, or context.path.name), not "${String(issue.input)}"` }),
  duration: matching(DURATION_HINT, (v) => goDurationMs(v) !== void 0),
  clusterName: text.refine(isClusterName, { error: (issue) => `${CLUSTER_NAME_RULE}, not "${String(issue.input)}"` }),
  // `--no-es` and `no-es` name the same flag.
  flagName: text.transform((v) => v.replace(/^--/, "")).refine(isFlagName, { error: (issue) => `${FLAG_NAME_RULE}, not "${String(issue.input)}"` }),
  image: checkedBy(normaliseReference),
  cacheRegistry: checkedBy(parseCacheRegistry),
  envName: matching("an environment variable name", (v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)),
  kindVersion: matching("a kind release such as v0.24.0", (v) => KIND_VERSION.test(v)),
  kubectlVersion: matching("a kubectl release such as v1.31.0", (v) => KIND_VERSION.test(v)),
  platform: text.superRefine((v, ctx) => {
    const problem = PLATFORM.test(v) ? platformProblem(v) : `must be os/arch[/variant], e.g. linux/amd64, not "${v}"`;
    if (problem !== void 0) ctx.addIssue({ code: "custom", message: problem });
  }),
  cacheRegistryMode: matching(CACHE_REGISTRY_MODES.join(" or "), (v) => CACHE_REGISTRY_MODES.includes(v)).transform((v) => v),
  savePolicy: matching(SAVE_POLICIES.join(", "), (v) => SAVE_POLICIES.includes(v)).transform((v) => v),
  cacheEntry: matching(CACHE_ENTRIES.join(", "), (v) => CACHE_ENTRIES.includes(v)).transform((v) => v)
};
function checkValues(raw, where) {
  const values = {};
  for (const name of Object.keys(OPTIONS)) {
    const given = raw[name];
    const { repeat, default: fallback } = declaration(name);
    if (typeof given === "boolean") values[name] = given;
    else if (given !== void 0) values[name] = repeat ? given.map((one) => checkOne(name, one, where)) : checkOne(name, given[given.length - 1], where);
    else if (fallback !== void 0) values[name] = checkOne(name, fallback, where);
    else if (declaration(name).value === "boolean") values[name] = false;
  }
  return values;
}
function checkOne(name, value, where) {
  const parsed = VALUE_TYPES[declaration(name).value].safeParse(value);
  if (!parsed.success) throw new InputError(where(name), parsed.error.issues[0].message);
  return parsed.data;
}

export {
  checkValues
};
