import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  REGISTRY_PORT,
  hasLocalProxy,
  homeIdentity,
  kindConfig,
  kindConfigPath,
  localContainerName,
  localRegistryPort,
  mirrorContainerName,
  parseUpstreams,
  preloadContainerName,
  publishing,
  realPath,
  registryCredentials,
  resolveRegistries,
  statePath
} from "./chunk-EGITYCD6.js";
import {
  NO_OVERRIDES,
  contextVariables,
  duplicateKey,
  flatVariables,
  parseConfig,
  passOn,
  readYaml,
  reportVariables,
  unusedSets
} from "./chunk-WZGOSGSF.js";
import {
  array,
  object,
  parseCacheRegistryAt,
  require_dist,
  string
} from "./chunk-AGVPR22D.js";
import {
  dockerBuildCommand
} from "./chunk-6DFTRYNM.js";
import {
  expandVariables,
  hasVariables
} from "./chunk-CUUT63CT.js";
import {
  hostPlatformName
} from "./chunk-EBQAAFSX.js";
import {
  chooseNodeImage,
  nodesNameImage,
  refuseNonRegular
} from "./chunk-ZXMGIANR.js";
import {
  displayUrl,
  expandHome,
  homeDir,
  kubeconfigPath,
  sewHome,
  userPath
} from "./chunk-Z7SXRXQX.js";
import {
  checkClusterName,
  checkFlagName,
  checkSewHome,
  hostPortProblem,
  isRegistryHost,
  normaliseAt,
  normaliseReference,
  parseReference,
  referenceAt
} from "./chunk-Z6TURJHQ.js";
import {
  InputError,
  InterruptedError,
  RuntimeError,
  UnknownContextFlagError
} from "./chunk-G6VKCFWK.js";
import {
  __toESM
} from "./chunk-I64FK5AC.js";

// src/core/plan.ts
import { join as join5 } from "node:path";

// src/core/build/plan.ts
import { stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
function planBuilds(declared, env) {
  return declared.map((build) => {
    const { value } = build;
    const common = {
      name: value.name,
      image: buildImage(value.image, build.whereField("image")),
      where: build.where,
      pre: value.pre ?? [],
      buildArgs: value.buildArgs ?? {},
      ...value.platform !== void 0 && { platform: value.platform }
    };
    const path = (field, base) => {
      const text2 = expandVariables(value[field] ?? ".", env, build.whereField(field), { bare: true });
      return resolve(base, expandHome(text2, env));
    };
    const dir = path("dir", fileURLToPath(build.dir));
    const context = path("context", dir);
    const dockerfile = value.dockerfile !== void 0 ? path("dockerfile", dir) : join(context, "Dockerfile");
    return { ...common, paths: { dir, context, dockerfile, dockerfileWritten: value.dockerfile !== void 0 } };
  });
}
function buildImage(image, where) {
  return referenceAt(where, () => {
    if (parseReference(image).digest !== void 0) throw new InputError(where, `"${image}" names a digest; a build produces a tag`);
    return normaliseReference(image);
  });
}
function selectBuilds(builds, names, where) {
  if (builds.length === 0) throw new InputError(where, "no builds are declared: add a `builds` section to sew.yaml");
  for (const name of names) {
    if (!builds.some((b) => b.name === name)) throw new InputError(where, `unknown build "${name}"; available: ${builds.map((b) => b.name).join(", ")}`);
  }
  return names.length === 0 ? [...builds] : [...new Set(names)].map((name) => builds.find((b) => b.name === name));
}
function buildLogDir(sewHome2) {
  return join(sewHome2, "logs", "build");
}
async function readyToRun(builds, env) {
  for (const build of builds) {
    const { paths } = build;
    if (!await isDirectory(paths.dir)) throw new InputError(build.where, `build "${build.name}": dir ${paths.dir} is not a directory`);
    dockerBuildCommand(build, paths, "", env);
  }
  return [...builds];
}
async function isDirectory(path) {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

// src/core/cache/key.ts
import { createHash } from "node:crypto";
var CACHE_FORMAT = 1;
var CACHE_KEY_PREFIX = `sew-v${CACHE_FORMAT}-`;
function cacheKey(input) {
  const canonical = JSON.stringify({
    format: CACHE_FORMAT,
    refs: [...new Set(input.refs)].sort(),
    upstreams: [...new Set(input.upstreams)].sort(),
    registryImage: input.registryImage,
    platforms: input.platforms === "all" ? "all" : [...input.platforms].sort()
  });
  return `${CACHE_KEY_PREFIX}${createHash("sha256").update(canonical).digest("hex").slice(0, 20)}`;
}
function nodeImageCacheKey(digest, platform) {
  return `sew-node-v${CACHE_FORMAT}-${createHash("sha256").update(`${digest}
${platform}`).digest("hex").slice(0, 20)}`;
}

// src/core/config/compose.ts
import { existsSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { dirname, join as join2 } from "node:path";
import { fileURLToPath as fileURLToPath3, pathToFileURL } from "node:url";

// src/core/config/budget.ts
var DEFAULT_RESOLUTION_LIMITS = { files: 500, bytes: 16 * 1024 * 1024, ms: 6e4 };
var Budget = class {
  constructor(limits = DEFAULT_RESOLUTION_LIMITS, interrupt) {
    this.limits = limits;
    this.interrupt = interrupt;
    const timeout = AbortSignal.timeout(limits.ms);
    this.signal = interrupt ? AbortSignal.any([timeout, interrupt]) : timeout;
  }
  limits;
  interrupt;
  /** Aborted when the time is up or the caller's signal fires: pass it to every fetch. */
  signal;
  files = 0;
  bytes = 0;
  /** Counts one file read at `where` of `size` bytes; throws once a bound is passed. */
  charge(where, size) {
    this.check();
    this.files += 1;
    this.bytes += size;
    if (this.files > this.limits.files) throw new InputError(where, `the composition reads more than ${this.limits.files} files (resolution budget)`);
    if (this.bytes > this.limits.bytes) throw new InputError(where, `the composition reads more than ${this.limits.bytes} bytes (resolution budget)`);
  }
  /** Throws when the run was interrupted or the time is up. */
  check() {
    if (!this.signal.aborted) return;
    if (this.interrupt?.aborted) throw new InterruptedError(typeof this.interrupt.reason === "string" ? this.interrupt.reason : "signal");
    throw new RuntimeError(`resolving the configuration took more than ${this.limits.ms / 1e3} s (resolution budget)`);
  }
};

// src/core/config/flags.ts
var import_yaml = __toESM(require_dist(), 1);
var FLAG_FILE = /^sew--([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;
var manifestSchema = object({
  flags: array(object({ name: string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "must be a kebab-case flag name"), description: string().optional(), source: string().optional() }).loose()).nullish()
}).loose();
async function findFlags(places, reader, display) {
  const byName = /* @__PURE__ */ new Map();
  for (const place of places) {
    for (const flag of await flagsIn(place, reader, display)) {
      if (!byName.has(flag.info.name)) byName.set(flag.info.name, flag);
    }
  }
  return [...byName.values()].sort((a, b) => a.info.name.localeCompare(b.info.name));
}
async function flagsIn({ dir, path }, reader, display) {
  const entry = (name, description) => {
    const url = new URL(`sew--${name}.yaml`, dir);
    return { info: { name, file: display(url), ...description !== void 0 && { description } }, url };
  };
  const listing = await reader.list(dir);
  if (listing !== void 0) {
    const flags = [];
    for (const file of [...listing].sort()) {
      const name = FLAG_FILE.exec(file)?.[1];
      if (name !== void 0) flags.push(entry(name, descriptionOf(await reader.read(new URL(file, dir)) ?? "")));
    }
    return flags;
  }
  const manifestUrl = new URL("sew.flags.yaml", dir);
  const text2 = await reader.read(manifestUrl);
  if (text2 === void 0) return [];
  return (readManifest(display(manifestUrl), text2).flags ?? []).filter((f) => f.source === void 0 || f.source === path).map((f) => entry(f.name, f.description));
}
function descriptionOf(text2) {
  try {
    const { doc } = readYaml("", text2);
    const description = (0, import_yaml.isMap)(doc.contents) ? doc.get("description") : void 0;
    return typeof description === "string" ? description : void 0;
  } catch {
    return void 0;
  }
}
function readManifest(name, text2) {
  const parsed = manifestSchema.safeParse(readYaml(name, text2).toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(name, `${issue.path.join(".") || "the file"}: ${issue.message}`);
  }
  return parsed.data;
}

// src/core/config/layer.ts
import { isAbsolute, resolve as resolve2 } from "node:path";
import { fileURLToPath as fileURLToPath2 } from "node:url";
function localPath(path, dir, env, cwd) {
  const expanded = expandHome(path, env);
  if (isAbsolute(expanded)) return expanded;
  const base = dir.protocol === "file:" ? fileURLToPath2(dir) : cwd;
  return resolve2(base, path);
}

// src/core/config/template/values.ts
function isMap2(value) {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
function isNil(value) {
  return value === null || value === void 0;
}
function goType(value) {
  if (isNil(value)) return "<nil>";
  if (typeof value === "string") return "string";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float64";
  if (Array.isArray(value)) return "[]interface {}";
  if (typeof value === "function") return "func";
  if (isMap2(value)) return "map[string]interface {}";
  return typeof value;
}
function isTrue(value) {
  if (isNil(value)) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.length > 0;
  if (typeof value === "number") return value !== 0;
  if (Array.isArray(value)) return value.length > 0;
  if (isMap2(value)) return Object.keys(value).length > 0;
  return true;
}
function sortedKeys(map) {
  return Object.keys(map).sort((a, b) => a < b ? -1 : a > b ? 1 : 0);
}
function goLength(value) {
  if (typeof value === "string") return Buffer.byteLength(value, "utf8");
  if (Array.isArray(value)) return value.length;
  if (isMap2(value)) return Object.keys(value).length;
  return void 0;
}

// src/core/config/template/format.ts
function formatValue(value) {
  if (isNil(value)) return "<nil>";
  if (typeof value === "string") return value;
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(formatValue).join(" ")}]`;
  if (isMap2(value)) return `map[${sortedKeys(value).map((k) => `${k}:${formatValue(value[k])}`).join(" ")}]`;
  if (typeof value === "function") return "0x0";
  return String(value);
}
function formatNumber(n) {
  if (Number.isSafeInteger(n)) return String(n);
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "+Inf" : "-Inf";
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 6) return goExponent(n.toExponential());
  return String(n);
}
function goExponent(text2) {
  return text2.replace(/e([+-])(\d)$/, "e$10$2");
}
function sprint(args) {
  let out = "";
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += formatValue(arg);
  });
  return out;
}
function sprintln(args) {
  return `${args.map(formatValue).join(" ")}
`;
}
function quote(s) {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0);
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (code === 7) out += "\\a";
    else if (code === 8) out += "\\b";
    else if (code === 12) out += "\\f";
    else if (code === 10) out += "\\n";
    else if (code === 13) out += "\\r";
    else if (code === 9) out += "\\t";
    else if (code === 11) out += "\\v";
    else if (code < 32 || code === 127) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}
var MAX_WIDTH = 1e6;
function sprintf(format, args) {
  let argIndex = 0;
  const out = format.replace(
    /%([-+# 0]*)(\d+|\*)?(?:\.(\d+|\*)?)?([a-zA-Z%])?/g,
    (_all, flags, width, precision, verb) => {
      if (verb === void 0) return "%!(NOVERB)";
      if (verb === "%") return "%";
      const star = (text2) => {
        if (text2 !== "*") return text2 === void 0 ? void 0 : Number(text2);
        const value = args[argIndex++];
        return typeof value === "number" ? value : void 0;
      };
      let bad = "";
      let widthValue = star(width);
      if (widthValue !== void 0 && Math.abs(widthValue) > MAX_WIDTH) [widthValue, bad] = [void 0, "%!(BADWIDTH)"];
      let precisionValue = _all.includes(".") ? star(precision) ?? 0 : void 0;
      if (precisionValue !== void 0 && Math.abs(precisionValue) > MAX_WIDTH) [precisionValue, bad] = [void 0, `${bad}%!(BADPREC)`];
      const spec = {
        minus: flags.includes("-"),
        plus: flags.includes("+"),
        zero: flags.includes("0") && !flags.includes("-"),
        sharp: flags.includes("#"),
        space: flags.includes(" "),
        width: widthValue,
        precision: precisionValue
      };
      if (argIndex >= args.length) return `${bad}%!${verb}(MISSING)`;
      return bad + pad(formatVerb(verb, args[argIndex++], spec), spec);
    }
  );
  if (argIndex >= args.length) return out;
  const extra = args.slice(argIndex).map((a) => `${goType(a)}=${formatValue(a)}`);
  return `${out}%!(EXTRA ${extra.join(", ")})`;
}
function pad(text2, spec) {
  if (spec.width === void 0 || text2.length >= spec.width) return text2;
  if (spec.minus) return text2.padEnd(spec.width);
  if (spec.zero && /^[+-]?[\d.]/.test(text2) && !text2.startsWith("%!")) {
    const sign = /^[+-]/.test(text2) ? text2[0] : "";
    return sign + text2.slice(sign.length).padStart(spec.width - sign.length, "0");
  }
  return text2.padStart(spec.width);
}
function badVerb(verb, value) {
  return isNil(value) ? `%!${verb}(<nil>)` : `%!${verb}(${goType(value)}=${formatValue(value)})`;
}
function signed(text2, n, spec) {
  if (n < 0 || Object.is(n, -0)) return text2;
  return spec.plus ? `+${text2}` : spec.space ? ` ${text2}` : text2;
}
function formatVerb(verb, value, spec) {
  const integer = typeof value === "number" && Number.isInteger(value);
  switch (verb) {
    case "v":
      if (spec.sharp && typeof value === "string") return quote(value);
      return typeof value === "number" ? signed(formatValue(value), value, spec) : formatValue(value);
    case "s":
      if (typeof value === "string") return spec.precision === void 0 ? value : [...value].slice(0, spec.precision).join("");
      if (Array.isArray(value) && value.every((v) => typeof v === "string")) return formatValue(value);
      return badVerb(verb, value);
    case "q":
      if (typeof value === "string") return quote(value);
      if (integer) return `'${String.fromCodePoint(value)}'`;
      return badVerb(verb, value);
    case "t":
      return typeof value === "boolean" ? String(value) : badVerb(verb, value);
    case "d":
    case "b":
    case "o":
    case "c": {
      if (!integer) return badVerb(verb, value);
      if (verb === "c") return String.fromCodePoint(value);
      const radix = verb === "d" ? 10 : verb === "b" ? 2 : 8;
      const digits = Math.abs(value).toString(radix);
      return signed(`${value < 0 ? "-" : ""}${spec.sharp && verb === "o" ? "0" : ""}${digits}`, value, spec);
    }
    case "x":
    case "X": {
      let hex;
      if (typeof value === "string") hex = Buffer.from(value, "utf8").toString("hex");
      else if (integer) hex = `${value < 0 ? "-" : ""}${spec.sharp ? "0x" : ""}${Math.abs(value).toString(16)}`;
      else return badVerb(verb, value);
      return verb === "X" ? hex.toUpperCase() : hex;
    }
    case "e":
    case "f":
    case "g": {
      if (typeof value !== "number") return badVerb(verb, value);
      const precision = spec.precision;
      const text2 = verb === "f" ? value.toFixed(precision ?? 6) : verb === "e" ? goExponent(value.toExponential(precision ?? 6)) : precision === void 0 ? formatNumber(value) : goExponent(String(Number(value.toPrecision(precision || 1))));
      return signed(text2, value, spec);
    }
    default:
      return badVerb(verb, value);
  }
}

// src/core/config/template/functions.ts
var CallError = class extends Error {
  name = "CallError";
};
function arity(name, args, min, max = min) {
  if (args.length >= min && args.length <= max) return;
  const want = max === Infinity ? `at least ${min}` : min === max ? String(min) : `${min} to ${max}`;
  throw new CallError(`wrong number of args for ${name}: want ${want} got ${args.length}`);
}
function stringArgs(name, args) {
  return args.map((arg) => {
    if (typeof arg === "string") return arg;
    if (isNil(arg)) throw new CallError(`invalid value; expected string in call to ${name}`);
    throw new CallError(`wrong type for value; expected string; got ${goType(arg)}`);
  });
}
function indexOf(index, max) {
  if (typeof index !== "number" || !Number.isInteger(index)) throw new Error(`cannot index slice/array with type ${goType(index)}`);
  if (index < 0 || index > max) throw new Error(`index out of range: ${index}`);
  return index;
}
function kindOf(value) {
  if (isNil(value)) return "nil";
  if (typeof value === "number" || typeof value === "string") return typeof value;
  if (typeof value === "boolean") return "bool";
  throw new Error(`invalid type for comparison`);
}
function equal(a, b) {
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka === "nil" || kb === "nil") return ka === kb;
  if (ka !== kb) throw new Error("incompatible types for comparison");
  return a === b;
}
function less(name, args) {
  arity(name, args, 2);
  const [a, b] = args;
  const [ka, kb] = [kindOf(a), kindOf(b)];
  if (ka !== kb) throw new Error("incompatible types for comparison");
  if (ka !== "number" && ka !== "string") throw new Error("invalid type for comparison");
  return a < b;
}
function escaped(args) {
  return args.length === 1 && typeof args[0] === "string" ? args[0] : sprint(args);
}
var HTML_ESCAPES = { '"': "&#34;", "'": "&#39;", "&": "&amp;", "<": "&lt;", ">": "&gt;", "\0": "\uFFFD" };
function jsEscape(s) {
  return s.replace(/[\\'"<>&=\u0000-\u001f]/g, (c) => {
    if (c === "\\" || c === "'" || c === '"') return `\\${c}`;
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "	") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  });
}
var BUILTINS = {
  not: (...args) => {
    arity("not", args, 1);
    return !isTrue(args[0]);
  },
  len: (...args) => {
    arity("len", args, 1);
    const length = goLength(args[0]);
    if (length === void 0) throw new Error(`len of type ${goType(args[0])}`);
    return length;
  },
  index: (...args) => {
    arity("index", args, 1, Infinity);
    let item = args[0];
    for (const key of args.slice(1)) {
      if (isNil(item)) throw new Error("index of untyped nil");
      if (isMap2(item)) {
        if (typeof key !== "string") throw new Error(`value has type ${goType(key)}; should be string`);
        item = Object.hasOwn(item, key) ? item[key] : null;
      } else if (Array.isArray(item)) {
        item = item[indexOf(key, item.length - 1)];
      } else if (typeof item === "string") {
        const bytes = Buffer.from(item, "utf8");
        item = bytes[indexOf(key, bytes.length - 1)];
      } else {
        throw new Error(`can't index item of type ${goType(item)}`);
      }
    }
    return item;
  },
  slice: (...args) => {
    arity("slice", args, 1, 4);
    const [item, ...bounds] = args;
    if (typeof item !== "string" && !Array.isArray(item)) throw new Error(`can't slice item of type ${goType(item)}`);
    if (typeof item === "string" && bounds.length > 2) throw new Error("cannot 3-index slice a string");
    const length = typeof item === "string" ? Buffer.byteLength(item, "utf8") : item.length;
    const [low, high] = [bounds[0] ?? 0, bounds[1] ?? length].map((b) => indexOf(b, length));
    if (low > high) throw new Error(`invalid slice index: ${low} > ${high}`);
    if (typeof item !== "string") return item.slice(low, high);
    return Buffer.from(item, "utf8").subarray(low, high).toString("utf8");
  },
  print: (...args) => sprint(args),
  println: (...args) => sprintln(args),
  printf: (...args) => {
    arity("printf", args, 1, Infinity);
    const [format] = stringArgs("printf", args.slice(0, 1));
    return sprintf(format, args.slice(1));
  },
  eq: (...args) => {
    arity("eq", args, 2, Infinity);
    return args.slice(1).some((other) => equal(args[0], other));
  },
  ne: (...args) => {
    arity("ne", args, 2);
    return !equal(args[0], args[1]);
  },
  lt: (...args) => less("lt", args),
  le: (...args) => less("le", args) || equal(args[0], args[1]),
  gt: (...args) => !less("gt", args) && !equal(args[0], args[1]),
  ge: (...args) => !less("ge", args),
  html: (...args) => escaped(args).replace(/["'&<>\0]/g, (c) => HTML_ESCAPES[c]),
  js: (...args) => jsEscape(escaped(args)),
  urlquery: (...args) => encodeURIComponent(escaped(args)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+"),
  // sew's FuncMap (internal/template): both take strings, the piped value last.
  default: (...args) => {
    arity("default", args, 2);
    const [fallback, value] = stringArgs("default", args);
    return value === "" ? fallback : value;
  },
  required: (...args) => {
    arity("required", args, 2);
    const [message, value] = stringArgs("required", args);
    if (value === "") throw new Error(message);
    return value;
  }
};

// src/core/config/template/template-error.ts
var TemplateError = class extends Error {
  constructor(line, message) {
    super(message);
    this.line = line;
  }
  line;
  name = "TemplateError";
};

// src/core/config/template/evaluate.ts
var MISSING = /* @__PURE__ */ Symbol("missing");
function execute(template, data, funcs, limits) {
  return new Evaluator(template, funcs, limits).run(data);
}
var Evaluator = class {
  constructor(template, funcs, limits) {
    this.template = template;
    this.funcs = funcs;
    this.limits = limits;
  }
  template;
  funcs;
  limits;
  out = [];
  size = 0;
  steps = 0;
  depth = 0;
  vars = [];
  run(data) {
    this.vars = [{ name: "$", value: data }];
    this.list(this.template.root, data);
    return this.out.join("");
  }
  step(line) {
    if (++this.steps > this.limits.maxSteps) {
      throw new TemplateError(line, `evaluation exceeded ${this.limits.maxSteps} steps`);
    }
  }
  write(text2, line) {
    this.size += text2.length;
    if (this.size > this.limits.maxOutput) {
      throw new TemplateError(line, `output exceeds ${this.limits.maxOutput} characters`);
    }
    this.out.push(text2);
  }
  // --- nodes
  list(nodes, dot) {
    for (const node of nodes) {
      const signal = this.node(node, dot);
      if (signal) return signal;
    }
    return void 0;
  }
  node(node, dot) {
    this.step(node.line);
    switch (node.type) {
      case "text":
        this.write(node.text, node.line);
        return void 0;
      case "action": {
        const value = this.pipeline(node.pipe, dot);
        if (node.pipe.decl.length === 0) this.write(isNil(value) ? "<no value>" : formatValue(value), node.line);
        return void 0;
      }
      case "if":
      case "with":
        return this.conditional(node, dot);
      case "range":
        return this.range(node, dot);
      case "template":
        this.templateCall(node, dot);
        return void 0;
      case "break":
      case "continue":
        return node.type;
    }
  }
  conditional(node, dot) {
    const mark = this.vars.length;
    try {
      const value = this.pipeline(node.pipe, dot);
      if (isTrue(value)) return this.list(node.list, node.type === "with" ? value : dot);
      return this.list(node.elseList, dot);
    } finally {
      this.vars.length = mark;
    }
  }
  range(node, dot) {
    const mark = this.vars.length;
    try {
      const { decl, isAssign } = node.pipe;
      const collection = this.pipeline(node.pipe, dot);
      if (typeof collection === "number" && decl.length > 1) {
        throw new TemplateError(node.line, `can't use ${decl.join(", ")} to iterate over int`);
      }
      const scope = this.vars.length;
      let empty = true;
      for (const [key, elem] of this.entries(collection, node.line)) {
        empty = false;
        this.step(node.line);
        this.vars.length = scope;
        const values = decl.length === 2 ? [key, elem] : [elem];
        decl.forEach((name, i) => this.define(name, values[i], isAssign));
        if (this.list(node.list, elem) === "break") break;
      }
      return empty ? this.list(node.elseList, dot) : void 0;
    } finally {
      this.vars.length = mark;
    }
  }
  *entries(collection, line) {
    if (Array.isArray(collection)) {
      for (let i = 0; i < collection.length; i++) yield [i, collection[i]];
    } else if (isMap2(collection)) {
      for (const key of sortedKeys(collection)) yield [key, collection[key]];
    } else if (typeof collection === "number" && Number.isInteger(collection)) {
      for (let i = 0; i < collection; i++) yield [i, i];
    } else if (!isNil(collection)) {
      throw new TemplateError(line, `range can't iterate over ${formatValue(collection)}`);
    }
  }
  templateCall(node, dot) {
    const body = this.template.defines.get(node.name);
    if (!body) throw new TemplateError(node.line, `no such template "${node.name}"`);
    const data = node.pipe ? this.pipeline(node.pipe, dot) : null;
    if (this.depth >= this.limits.maxDepth) {
      throw new TemplateError(node.line, `exceeded maximum template depth (${this.limits.maxDepth})`);
    }
    const vars = this.vars;
    this.depth++;
    this.vars = [{ name: "$", value: data }];
    try {
      this.list(body, data);
    } finally {
      this.vars = vars;
      this.depth--;
    }
  }
  // --- variables
  define(name, value, isAssign) {
    if (isAssign) this.lookup(name).value = value;
    else this.vars.push({ name, value });
  }
  lookup(name) {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    throw new Error(`undefined variable ${name} survived parsing`);
  }
  // --- pipelines
  pipeline(pipe, dot) {
    let value = MISSING;
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, value);
    for (const name of pipe.decl) this.define(name, value, pipe.isAssign);
    return value;
  }
  command(cmd, dot, final) {
    this.step(cmd.line);
    const [first, ...rest] = cmd.args;
    if (first.kind === "identifier") return this.call(first.name, rest, dot, final, first.line);
    const hasArgs = rest.length > 0 || final !== MISSING;
    if (first.kind === "literal" && first.value === null) throw new TemplateError(first.line, "nil is not a command");
    if (hasArgs) {
      const named = (first.kind === "field" || first.kind === "variable" || first.kind === "chain") && first.names.length > 0;
      const what = named ? `${first.names.at(-1)} is not a method but has arguments` : `can't give argument to non-function ${text(first)}`;
      throw new TemplateError(first.line, what);
    }
    return this.arg(first, dot);
  }
  arg(arg, dot) {
    switch (arg.kind) {
      case "dot":
        return dot;
      case "literal":
        return arg.value;
      case "identifier":
        return this.call(arg.name, [], dot, MISSING, arg.line);
      case "pipeline":
        return this.pipeline(arg.pipe, dot);
      case "field":
        return this.fields(dot, arg);
      case "variable":
        return this.fields(this.lookup(arg.name).value, arg);
      case "chain":
        return this.fields(this.pipeline(arg.pipe, dot), arg);
    }
  }
  /** `.a.b` on a receiver: maps by key (missing keys are errors), anything else fails. */
  fields(receiver, arg) {
    let value = receiver;
    for (const name of arg.names) {
      let problem;
      if (isMap2(value)) {
        if (Object.hasOwn(value, name)) value = value[name];
        else problem = `map has no entry for key "${name}"`;
      } else if (isNil(value)) {
        problem = `nil data; no entry for key "${name}"`;
      } else {
        problem = `can't evaluate field ${name} in type ${goType(value)}`;
      }
      if (problem) throw new TemplateError(arg.line, `at <${text(arg)}>: ${problem}`);
    }
    return value;
  }
  call(name, argNodes, dot, final, line) {
    this.step(line);
    const fn = Object.hasOwn(this.funcs, name) ? this.funcs[name] : void 0;
    if (!fn && (name === "and" || name === "or")) return this.logical(name, argNodes, dot, final, line);
    if (!fn) throw new TemplateError(line, `function "${name}" not defined`);
    const args = argNodes.map((a) => this.arg(a, dot));
    if (final !== MISSING) args.push(final);
    let result;
    try {
      result = fn(...args);
    } catch (err) {
      if (err instanceof TemplateError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      throw new TemplateError(line, err instanceof CallError ? message : `error calling ${name}: ${message}`);
    }
    if (typeof result === "string" && result.length > this.limits.maxOutput) {
      throw new TemplateError(line, `result of ${name} exceeds ${this.limits.maxOutput} characters`);
    }
    return result === void 0 ? null : result;
  }
  /** `and` / `or` stop at the first argument that decides, as Go's do since 1.18. */
  logical(name, argNodes, dot, final, line) {
    const count = argNodes.length + (final === MISSING ? 0 : 1);
    if (count === 0) throw new TemplateError(line, `wrong number of args for ${name}: want at least 1 got 0`);
    let value;
    for (const node of argNodes) {
      value = this.arg(node, dot);
      if (isTrue(value) === (name === "or")) return value;
    }
    return final === MISSING ? value : final;
  }
};
function text(arg) {
  switch (arg.kind) {
    case "dot":
      return ".";
    case "field":
      return `.${arg.names.join(".")}`;
    case "variable":
      return [arg.name, ...arg.names].join(".");
    case "chain":
      return `(...).${arg.names.join(".")}`;
    case "pipeline":
      return "(...)";
    case "identifier":
      return arg.name;
    case "literal":
      return typeof arg.value === "string" ? JSON.stringify(arg.value) : arg.text;
  }
}

// src/core/config/template/lexer.ts
var KEYWORDS = /* @__PURE__ */ new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]);
var PUNCTUATION = { "|": "pipe", "(": "leftParen", ")": "rightParen", ",": "comma", "=": "assign" };
var SPACE = /[ \t\r\n]/;
var ALNUM = /[\p{L}\p{Nd}_]/u;
var NUMBER = /[+-]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/y;
function spaceRun(text2, from, step) {
  let i = from;
  while (i >= 0 && i < text2.length && SPACE.test(text2[i])) i += step;
  return i;
}
function lex(source) {
  return new Lexer(source).run();
}
var Lexer = class {
  constructor(src) {
    this.src = src;
  }
  src;
  pos = 0;
  line = 1;
  tokens = [];
  trimNextText = false;
  run() {
    while (this.pos < this.src.length) {
      const open = this.src.indexOf("{{", this.pos);
      const end = open < 0 ? this.src.length : open;
      let text2 = this.src.slice(this.pos, end);
      const textLine = this.line;
      this.advanceTo(end);
      if (this.trimNextText) text2 = text2.slice(spaceRun(text2, 0, 1));
      this.trimNextText = false;
      const leftTrim = open >= 0 && this.src.startsWith("{{-", open) && SPACE.test(this.src[open + 3] ?? "");
      if (leftTrim) text2 = text2.slice(0, spaceRun(text2, text2.length - 1, -1) + 1);
      if (text2) this.tokens.push({ kind: "text", value: text2, line: textLine });
      if (open < 0) break;
      this.action(leftTrim);
    }
    this.tokens.push({ kind: "eof", value: "", line: this.line });
    return this.tokens;
  }
  advanceTo(target) {
    for (let i = this.pos; i < target; i++) if (this.src.charCodeAt(i) === 10) this.line++;
    this.pos = target;
  }
  emit(kind, start, value = this.src.slice(start, this.pos), line = this.line) {
    this.tokens.push({ kind, value, line });
  }
  fail(message, line = this.line) {
    throw new TemplateError(line, message);
  }
  /** Lexes one action from its `{{` to its `}}`. */
  action(leftTrim) {
    const startLine = this.line;
    this.advanceTo(this.pos + (leftTrim ? 4 : 2));
    if (this.comment(startLine)) return;
    this.emit("leftDelim", this.pos, "{{", startLine);
    let parens = 0;
    for (; ; ) {
      const c = this.src[this.pos];
      const start = this.pos;
      if (c === void 0) this.fail("unclosed action", startLine);
      if (this.src.startsWith("}}", this.pos)) {
        if (parens > 0) this.fail("unclosed left paren");
        this.advanceTo(this.pos + 2);
        this.emit("rightDelim", start, "}}");
        return;
      }
      if (SPACE.test(c)) {
        let end = this.pos;
        while (SPACE.test(this.src[end] ?? "")) end++;
        if (this.src.startsWith("-}}", end)) {
          this.advanceTo(end + 3);
          this.emit("rightDelim", start, "}}");
          if (parens > 0) this.fail("unclosed left paren");
          this.trimNextText = true;
          return;
        }
        this.advanceTo(end);
        this.emit("space", start);
        continue;
      }
      const punctuation = PUNCTUATION[c];
      if (punctuation) {
        if (c === "(") parens++;
        if (c === ")" && --parens < 0) this.fail("unexpected right paren");
        this.pos++;
        this.emit(punctuation, start);
        continue;
      }
      switch (c) {
        case '"':
          this.quoted(start);
          continue;
        case "`":
          this.raw(start);
          continue;
        case "'":
          this.charConstant(start);
          continue;
        case "$":
          this.pos++;
          this.word();
          this.emit("variable", start);
          this.terminator();
          continue;
        case ":":
          if (this.src[this.pos + 1] !== "=") this.fail("expected :=");
          this.pos += 2;
          this.emit("declare", start);
          continue;
        case ".":
          if (/[0-9]/.test(this.src[this.pos + 1] ?? "")) break;
          this.pos++;
          if (ALNUM.test(this.src[this.pos] ?? "")) {
            this.word();
            this.emit("field", start, this.src.slice(start + 1, this.pos));
            this.terminator();
          } else {
            this.emit("dot", start);
          }
          continue;
      }
      if (/[0-9+\-.]/.test(c)) {
        this.number(start);
        continue;
      }
      if (ALNUM.test(c)) {
        this.word();
        const word = this.src.slice(start, this.pos);
        const kind = KEYWORDS.has(word) ? "keyword" : word === "true" || word === "false" ? "bool" : word === "nil" ? "nil" : "identifier";
        this.emit(kind, start);
        this.terminator();
        continue;
      }
      this.fail(`unrecognized character in action: ${JSON.stringify(c)}`);
    }
  }
  /** `{{/* ... *\/}}`, with optional trim markers: consumed whole, nothing emitted. */
  comment(startLine) {
    if (!this.src.startsWith("/*", this.pos)) return false;
    const close = this.src.indexOf("*/", this.pos + 2);
    if (close < 0) this.fail("unclosed comment", startLine);
    this.advanceTo(close + 2);
    const trimmed = /^[ \t\r\n]+-\}\}/.exec(this.src.slice(this.pos, this.pos + 64));
    if (trimmed) {
      this.advanceTo(this.pos + trimmed[0].length);
      this.trimNextText = true;
    } else if (this.src.startsWith("}}", this.pos)) {
      this.advanceTo(this.pos + 2);
    } else {
      this.fail("comment ends before closing delimiter", startLine);
    }
    return true;
  }
  word() {
    while (ALNUM.test(this.src[this.pos] ?? "")) this.pos++;
  }
  /** Go refuses a word glued to something that cannot follow it, e.g. `.a-b`. */
  terminator() {
    const c = this.src[this.pos];
    if (c === void 0 || SPACE.test(c) || ".,|:()".includes(c) || this.src.startsWith("}}", this.pos)) return;
    this.fail(`bad character ${JSON.stringify(c)}`);
  }
  /** The index of the quote closing a "..." or '...' literal that opens at this.pos. */
  closingQuote(quote2, what) {
    let i = this.pos + 1;
    for (; ; ) {
      const c = this.src[i];
      if (c === void 0 || c === "\n") this.fail(`unterminated ${what}`);
      if (c === "\\") i += 2;
      else if (c === quote2) return i;
      else i++;
    }
  }
  quoted(start) {
    const close = this.closingQuote('"', "quoted string");
    this.pos = close + 1;
    this.emit("string", start, unquote(this.src.slice(start + 1, close), this.line));
  }
  raw(start) {
    const close = this.src.indexOf("`", this.pos + 1);
    if (close < 0) this.fail("unterminated raw quoted string");
    const startLine = this.line;
    this.advanceTo(close + 1);
    this.emit("string", start, this.src.slice(start + 1, close).replace(/\r/g, ""), startLine);
  }
  charConstant(start) {
    const close = this.closingQuote("'", "character constant");
    const chars = [...unquote(this.src.slice(start + 1, close), this.line)];
    if (chars.length !== 1) this.fail(`malformed character constant: ${this.src.slice(start, close + 1)}`);
    this.pos = close + 1;
    this.emit("number", start, String(chars[0].codePointAt(0)));
  }
  number(start) {
    NUMBER.lastIndex = this.pos;
    const text2 = NUMBER.exec(this.src)?.[0] ?? "";
    this.pos += text2.length;
    if (!/\d/.test(text2) || ALNUM.test(this.src[this.pos] ?? "") || this.src[this.pos] === ".") {
      while (this.pos < this.src.length && !SPACE.test(this.src[this.pos]) && !this.src.startsWith("}}", this.pos)) this.pos++;
      this.fail(`bad number syntax: ${JSON.stringify(this.src.slice(start, this.pos))}`);
    }
    this.emit("number", start);
  }
};
var SIMPLE_ESCAPES = {
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "	",
  v: "\v",
  "\\": "\\",
  '"': '"',
  "'": "'"
};
function unquote(body, line) {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (all, esc) => {
    if (esc.length === 1) {
      const simple = SIMPLE_ESCAPES[esc];
      if (simple === void 0) throw new TemplateError(line, `invalid escape ${all} in string`);
      return simple;
    }
    const code = esc[0] === "x" || esc[0] === "u" || esc[0] === "U" ? parseInt(esc.slice(1), 16) : parseInt(esc, 8);
    if (code > 1114111) throw new TemplateError(line, `invalid escape ${all} in string`);
    return String.fromCodePoint(code);
  });
}

// src/core/config/template/parser.ts
var MAX_NESTING = 100;
function parseTemplate(source, isFunction) {
  return new Parser(lex(source), isFunction).parse();
}
var Parser = class {
  constructor(tokens, isFunction) {
    this.tokens = tokens;
    this.isFunction = isFunction;
  }
  tokens;
  isFunction;
  pos = 0;
  vars = ["$"];
  rangeDepth = 0;
  nesting = 0;
  defines = /* @__PURE__ */ new Map();
  parse() {
    const [root, term] = this.list(true);
    if (term.kind !== "eof") throw new TemplateError(term.line, `unexpected {{${term.kind}}}`);
    return { root, defines: this.defines };
  }
  // --- tokens
  next() {
    const token = this.tokens[this.pos];
    if (token.kind !== "eof") this.pos++;
    return token;
  }
  peek() {
    return this.tokens[this.pos];
  }
  nextNonSpace() {
    let token = this.next();
    while (token.kind === "space") token = this.next();
    return token;
  }
  peekNonSpace() {
    const save = this.pos;
    const token = this.nextNonSpace();
    this.pos = save;
    return token;
  }
  expect(kind, context) {
    const token = this.nextNonSpace();
    if (token.kind !== kind) this.unexpected(token, context);
    return token;
  }
  unexpected(token, context) {
    const what = token.kind === "eof" ? "EOF" : token.kind === "rightDelim" ? '"}}"' : JSON.stringify(token.value);
    throw new TemplateError(token.line, `unexpected ${what} in ${context}`);
  }
  // --- lists and actions
  /** Parses nodes up to `{{end}}`, `{{else}}` or the end of input, and says which stopped it. */
  list(topLevel) {
    const nodes = [];
    for (; ; ) {
      const token = this.next();
      if (token.kind === "eof") return [nodes, { kind: "eof", line: token.line }];
      if (token.kind === "text") {
        nodes.push({ type: "text", line: token.line, text: token.value });
        continue;
      }
      const word = this.peekNonSpace();
      if (word.kind === "keyword" && (word.value === "end" || word.value === "else")) {
        this.nextNonSpace();
        if (word.value === "end") {
          this.expect("rightDelim", "end");
          return [nodes, { kind: "end", line: word.line }];
        }
        const chained = this.peekNonSpace();
        if (chained.kind === "keyword" && (chained.value === "if" || chained.value === "with")) {
          return [nodes, { kind: "else", line: word.line, elseKeyword: chained.value }];
        }
        this.expect("rightDelim", "else");
        return [nodes, { kind: "else", line: word.line }];
      }
      if (word.kind === "keyword" && word.value === "define") {
        this.nextNonSpace();
        if (!topLevel) throw new TemplateError(word.line, "unexpected {{define}}: define is allowed only at top level");
        this.define(word.line);
        continue;
      }
      nodes.push(this.action());
    }
  }
  action() {
    const token = this.peekNonSpace();
    if (token.kind !== "keyword") return { type: "action", line: token.line, pipe: this.pipeline("command", "rightDelim") };
    this.nextNonSpace();
    switch (token.value) {
      case "if":
      case "with":
      case "range":
        return this.control(token.value, token.line);
      case "template":
        return this.templateCall(token.line);
      case "block":
        return this.block(token.line);
      case "break":
      case "continue":
        this.expect("rightDelim", token.value);
        if (this.rangeDepth === 0) throw new TemplateError(token.line, `{{${token.value}}} outside {{range}}`);
        return { type: token.value, line: token.line };
      default:
        throw new TemplateError(token.line, `unexpected {{${token.value}}}`);
    }
  }
  enter(line) {
    if (++this.nesting > MAX_NESTING) throw new TemplateError(line, `nesting deeper than ${MAX_NESTING} levels`);
  }
  /** if / with / range: pipeline, body, optional else (or else-if / else-with chain), end. */
  control(keyword, line) {
    this.enter(line);
    const scope = this.vars.length;
    const pipe = this.pipeline(keyword, "rightDelim");
    if (keyword === "range") this.rangeDepth++;
    let [list, term] = this.list(false);
    if (keyword === "range") this.rangeDepth--;
    let elseList = [];
    if (term.kind === "else") {
      if (term.elseKeyword !== void 0) {
        if (term.elseKeyword !== keyword) {
          throw new TemplateError(term.line, `{{else ${term.elseKeyword}}} inside {{${keyword}}}`);
        }
        const nested = this.nextNonSpace();
        elseList = [this.control(keyword, nested.line)];
        term = { kind: "end", line: nested.line };
      } else {
        [elseList, term] = this.list(false);
        if (term.kind === "else") throw new TemplateError(term.line, `expected {{end}}; found {{else}}`);
      }
    }
    if (term.kind !== "end") throw new TemplateError(line, `{{${keyword}}} has no matching {{end}}`);
    this.vars.length = scope;
    this.nesting--;
    return { type: keyword, line, pipe, list, elseList };
  }
  templateName(context) {
    const token = this.nextNonSpace();
    if (token.kind !== "string") this.unexpected(token, `${context} clause`);
    return token.value;
  }
  templateCall(line) {
    const name = this.templateName("template");
    if (this.peekNonSpace().kind === "rightDelim") {
      this.nextNonSpace();
      return { type: "template", line, name, pipe: void 0 };
    }
    return { type: "template", line, name, pipe: this.pipeline("template", "rightDelim") };
  }
  block(line) {
    const name = this.templateName("block");
    const pipe = this.pipeline("block", "rightDelim");
    this.addDefine(name, this.body("block", line), line);
    return { type: "template", line, name, pipe };
  }
  define(line) {
    const name = this.templateName("define");
    this.expect("rightDelim", "define clause");
    this.addDefine(name, this.body("define", line), line);
  }
  /** As Go: an empty body never replaces another, two non-empty ones are an error. */
  addDefine(name, body, line) {
    const existing = this.defines.get(name);
    if (existing && !isEmpty(existing)) {
      if (isEmpty(body)) return;
      throw new TemplateError(line, `multiple definition of template "${name}"`);
    }
    this.defines.set(name, body);
  }
  /** A named template's body: its own variables (just `$`), no enclosing range. */
  body(keyword, line) {
    this.enter(line);
    const [vars, rangeDepth] = [this.vars, this.rangeDepth];
    this.vars = ["$"];
    this.rangeDepth = 0;
    const [list, term] = this.list(false);
    if (term.kind !== "end") throw new TemplateError(line, `{{${keyword}}} has no matching {{end}}`);
    [this.vars, this.rangeDepth] = [vars, rangeDepth];
    this.nesting--;
    return list;
  }
  // --- pipelines
  pipeline(context, end) {
    const line = this.peekNonSpace().line;
    const { decl, isAssign } = this.declarations(context);
    const cmds = [];
    for (; ; ) {
      const token = this.peekNonSpace();
      if (token.kind === end) {
        this.nextNonSpace();
        break;
      }
      if (cmds.length > 0) {
        if (token.kind !== "pipe") this.unexpected(token, context);
        this.nextNonSpace();
      }
      cmds.push(this.command(context, end));
    }
    if (cmds.length === 0) throw new TemplateError(line, `missing value for ${context}`);
    cmds.forEach((cmd, i) => {
      const first = cmd.args[0];
      if (i > 0 && (first.kind === "literal" || first.kind === "dot")) {
        throw new TemplateError(cmd.line, `non executable command in pipeline stage ${i + 1}`);
      }
    });
    return { line, decl, isAssign, cmds };
  }
  /** `$x :=`, `$x =`, and in range `$i, $v :=`. */
  declarations(context) {
    const save = this.pos;
    const decl = [];
    for (; ; ) {
      const variable = this.nextNonSpace();
      if (variable.kind !== "variable") break;
      const after = this.nextNonSpace();
      if (after.kind === "declare" || after.kind === "assign") {
        decl.push(variable.value);
        const isAssign = after.kind === "assign";
        if (isAssign) for (const name of decl) this.use(name, variable.line);
        else this.vars.push(...decl);
        return { decl, isAssign };
      }
      if (after.kind !== "comma") break;
      decl.push(variable.value);
      if (context !== "range" || decl.length > 1) {
        throw new TemplateError(variable.line, `too many declarations in ${context}`);
      }
    }
    this.pos = save;
    return { decl: [], isAssign: false };
  }
  use(name, line) {
    if (!this.vars.includes(name)) throw new TemplateError(line, `undefined variable "${name}"`);
  }
  command(context, end) {
    const args = [];
    const line = this.peekNonSpace().line;
    for (; ; ) {
      const token = this.peekNonSpace();
      if (token.kind === end || token.kind === "pipe") break;
      if (args.length > 0 && this.peek().kind !== "space") this.unexpected(token, "operand");
      args.push(this.operand(context));
    }
    if (args.length === 0) throw new TemplateError(line, "empty command");
    return { line, args };
  }
  /** A term followed by `.field` chains, as in `$x.a.b` or `(index . 0).name`. */
  operand(context) {
    const arg = this.term(context);
    const names = [];
    while (this.peek().kind === "field") names.push(this.next().value);
    if (names.length === 0) return arg;
    switch (arg.kind) {
      case "field":
        return { ...arg, names: [...arg.names, ...names] };
      case "variable":
        return { ...arg, names: [...arg.names, ...names] };
      case "pipeline":
        return { kind: "chain", line: arg.line, pipe: arg.pipe, names };
      default:
        throw new TemplateError(arg.line, `unexpected . after term ${JSON.stringify(names[0])}`);
    }
  }
  term(context) {
    const token = this.nextNonSpace();
    const line = token.line;
    switch (token.kind) {
      case "dot":
        return { kind: "dot", line };
      case "field":
        return { kind: "field", line, names: [token.value] };
      case "variable":
        this.use(token.value, line);
        return { kind: "variable", line, name: token.value, names: [] };
      case "identifier":
        if (!this.isFunction(token.value)) throw new TemplateError(line, `function "${token.value}" not defined`);
        return { kind: "identifier", line, name: token.value };
      case "string":
        return { kind: "literal", line, value: token.value, text: token.value };
      case "number":
        return { kind: "literal", line, value: numberValue(token.value, line), text: token.value };
      case "bool":
        return { kind: "literal", line, value: token.value === "true", text: token.value };
      case "nil":
        return { kind: "literal", line, value: null, text: "nil" };
      case "leftParen": {
        this.enter(line);
        const pipe = this.pipeline("parenthesized pipeline", "rightParen");
        this.nesting--;
        return { kind: "pipeline", line, pipe };
      }
      default:
        this.unexpected(token, context === "command" ? "operand" : context);
    }
  }
};
function isEmpty(nodes) {
  return nodes.every((node) => node.type === "text" && node.text.trim() === "");
}
function numberValue(text2, line) {
  const sign = text2.startsWith("-") ? -1 : 1;
  const digits = text2.replace(/^[+-]/, "").replace(/_/g, "");
  let value;
  if (/^0[0-7]+$/.test(digits)) value = parseInt(digits, 8);
  else if (/^0[oO]/.test(digits)) value = parseInt(digits.slice(2), 8);
  else if (/^0[bB]/.test(digits)) value = parseInt(digits.slice(2), 2);
  else value = Number(digits);
  if (!Number.isFinite(value)) throw new TemplateError(line, `illegal number syntax: ${JSON.stringify(text2)}`);
  return sign * value;
}

// src/core/config/template/index.ts
var DEFAULT_MAX_OUTPUT = 4 * 1024 * 1024;
var DEFAULT_MAX_STEPS = 1e6;
var MAX_TEMPLATE_DEPTH = 100;
var LAZY_FUNCTIONS = /* @__PURE__ */ new Set(["and", "or"]);
function renderTemplate(source, data, options) {
  const funcs = { ...BUILTINS, ...options.funcs };
  try {
    const template = parseTemplate(source, (name) => Object.hasOwn(funcs, name) || LAZY_FUNCTIONS.has(name));
    return execute(template, data, funcs, {
      maxOutput: options.maxOutput ?? DEFAULT_MAX_OUTPUT,
      maxSteps: options.maxSteps ?? DEFAULT_MAX_STEPS,
      maxDepth: MAX_TEMPLATE_DEPTH
    });
  } catch (err) {
    if (err instanceof TemplateError) throw new InputError(`${options.file}:${err.line}`, err.message);
    if (err instanceof RangeError && /call stack|string length/i.test(err.message)) {
      throw new InputError(options.file, `template too large to evaluate (${err.message})`);
    }
    throw err;
  }
}
function hasTemplateActions(source) {
  return source.includes("{{");
}

// src/core/config/render.ts
function templateFunctions(env) {
  return {
    env: (...args) => {
      const [name] = args;
      if (typeof name !== "string") throw new Error("env takes the name of a variable");
      return env(name);
    }
  };
}
function renderFile(name, text2, vars, env, onRead) {
  if (!hasTemplateActions(text2)) return text2;
  const data = { ...vars };
  const watched = onRead === void 0 ? data : new Proxy(data, { get: (target, key) => (typeof key === "string" && Object.hasOwn(target, key) && onRead(key), Reflect.get(target, key)) });
  try {
    return renderTemplate(text2, watched, { file: name, funcs: templateFunctions(env) });
  } catch (err) {
    if (err instanceof InputError) throw new InputError(err.where, clip(err.message.slice(err.where.length + 2)));
    throw err;
  }
}
var MAX_MESSAGE = 200;
function clip(message) {
  const line = message.split("\n")[0];
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}...` : line;
}

// src/core/config/trust.ts
import { isAbsolute as isAbsolute2, relative, resolve as resolve3 } from "node:path";
var FETCHED_KIND_KEYS = /* @__PURE__ */ new Set(["name", "nodes", "networking", "featureGates", "runtimeConfig"]);
var FETCHED_NODE_KEYS = /* @__PURE__ */ new Set(["role", "labels", "extraPortMappings", "extraMounts"]);
var ALWAYS_ALLOWED_ENV = ["HOME", "USER"];
function envReader(env, trusted, allowed) {
  if (trusted) return (name) => env[name] ?? "";
  const names = /* @__PURE__ */ new Set([...ALWAYS_ALLOWED_ENV, ...allowed]);
  return (name) => {
    if (!names.has(name)) {
      throw new Error(`a fetched context may read only ${[...names].join(", ")}, not ${name}; allow it with --allow-env ${name} (input allow-env)`);
    }
    return env[name] ?? "";
  };
}
function inside(home, path) {
  const rel = relative(resolve3(home), resolve3(path));
  return rel === "" || !rel.startsWith("..") && !isAbsolute2(rel);
}
function checkFetchedLayer(doc, sewHome2, localPath2) {
  const refuse = (path, what, at) => {
    throw new InputError(doc.where(path, at), `a fetched context ${what}`);
  };
  const images = doc.value.images;
  for (const [host, access] of Object.entries(images?.registries ?? {})) {
    if (access.username !== void 0 || access.password !== void 0) {
      refuse(["images", "registries", host], "cannot carry registry credentials; set them in your own sew.yaml");
    }
    if (access.url !== void 0 && hasVariables(access.url)) {
      refuse(["images", "registries", host, "url"], "cannot read environment variables (${...}); set the url in your own sew.yaml");
    }
  }
  const data = images?.mirrors?.data;
  if (data !== void 0 && !inside(sewHome2, localPath2(data))) {
    refuse(["images", "mirrors", "data"], `may name a directory only inside $SEW_HOME (${sewHome2})`);
  }
  for (const key of ["cacheRegistry", "cacheRegistryMode"]) {
    if (images?.[key] !== void 0) refuse(["images", key], `cannot set images.${key}; set it in your own sew.yaml or with --cache-registry`);
  }
  if (images?.local?.external?.includes("@")) refuse(["images", "local", "external"], "cannot carry registry credentials");
  const kind = doc.value.kind ?? {};
  for (const key of Object.keys(kind)) {
    if (!FETCHED_KIND_KEYS.has(key)) refuse(["kind", key], `may not set kind.${key} (only ${[...FETCHED_KIND_KEYS].join(", ")}); set it in your own sew.yaml`, "key");
  }
  const apiServerAddress = kind.networking?.apiServerAddress;
  if (apiServerAddress !== void 0 && !isLoopback(apiServerAddress)) {
    refuse(["kind", "networking", "apiServerAddress"], "may put the API server only on loopback (127.0.0.1, ::1); set another address in your own sew.yaml");
  }
  for (const [n, node] of (kind.nodes ?? []).entries()) {
    for (const key of Object.keys(node)) {
      if (!FETCHED_NODE_KEYS.has(key)) refuse(["kind", "nodes", n, key], `may not set a node's ${key} (only ${[...FETCHED_NODE_KEYS].join(", ")}); set it in your own sew.yaml`, "key");
    }
    for (const [m, mount] of (node.extraMounts ?? []).entries()) {
      const hostPath = mount.hostPath;
      if (typeof hostPath === "string" && !inside(sewHome2, localPath2(hostPath))) {
        refuse(["kind", "nodes", n, "extraMounts", m, "hostPath"], `may mount a host directory only inside $SEW_HOME (${sewHome2})`);
      }
    }
    for (const [m, mapping] of (node.extraPortMappings ?? []).entries()) {
      if (mapping.listenAddress !== void 0 && !isLoopback(mapping.listenAddress)) {
        refuse(["kind", "nodes", n, "extraPortMappings", m, "listenAddress"], "may publish a port only on loopback (127.0.0.1, ::1); set another address in your own sew.yaml");
      }
    }
  }
}
function confinedKind(kind) {
  if (!Array.isArray(kind.nodes)) return kind;
  const nodes = kind.nodes.map(
    (node) => Array.isArray(node.extraPortMappings) ? { ...node, extraPortMappings: node.extraPortMappings.map((p) => ({ listenAddress: LOOPBACK, ...p })) } : node
  );
  return { ...kind, nodes };
}
var LOOPBACK = "127.0.0.1";
function isLoopback(address) {
  return typeof address === "string" && (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address) || address === "::1");
}

// src/core/config/vars.ts
var import_yaml3 = __toESM(require_dist(), 1);
var EMPTY = { declared: [], overrides: [] };
function readVarsBlock(name, text2) {
  const block = isolate(text2);
  if (block === void 0) return EMPTY;
  const lines = new import_yaml3.LineCounter();
  const doc = (0, import_yaml3.parseDocument)(block.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (node) => {
    const offset = node?.range?.[0] ?? 0;
    return `${name}:${lines.linePos(offset).line + block.firstLine}`;
  };
  const error = doc.errors[0];
  if (error) throw new InputError(`${name}:${lines.linePos(error.pos[0]).line + block.firstLine}`, `vars: ${error.message.split("\n")[0]}`);
  const duplicate = duplicateKey(doc);
  if (duplicate) throw new InputError(at({ range: [duplicate.offset] }), `vars: ${duplicate.message}`);
  const vars = (0, import_yaml3.isMap)(doc.contents) ? doc.contents.items.find((p) => (0, import_yaml3.isScalar)(p.key) && p.key.value === "vars")?.value : void 0;
  if (vars === void 0 || vars === null || (0, import_yaml3.isScalar)(vars) && vars.value === null) return EMPTY;
  if (!(0, import_yaml3.isMap)(vars)) throw new InputError(at(vars), '"vars" must be a mapping of variable names');
  const declared = [];
  const overrides = [];
  for (const pair of vars.items) {
    const key = keyOf(pair.key, at);
    const value = pair.value;
    if ((0, import_yaml3.isMap)(value) && !hasDefault(value)) {
      collectOverrides(value, key, overrides, at);
    } else {
      const { text: dflt, description } = leaf(value, key, at);
      declared.push({ name: key, default: dflt, ...description !== void 0 && { description } });
    }
  }
  return { declared, overrides };
}
function collectOverrides(node, path, out, at) {
  if (!(0, import_yaml3.isMap)(node)) return;
  for (const pair of node.items) {
    const key = keyOf(pair.key, at);
    const value = pair.value;
    if ((0, import_yaml3.isMap)(value) && !hasDefault(value)) collectOverrides(value, `${path}/${key}`, out, at);
    else out.push({ path, name: key, value: leaf(value, `${path}/${key}`, at).text });
  }
}
function leaf(node, name, at) {
  if (node === null || (0, import_yaml3.isScalar)(node)) return { text: scalarText(node) };
  if ((0, import_yaml3.isMap)(node)) {
    const get = (field) => node.items.find((p) => (0, import_yaml3.isScalar)(p.key) && p.key.value === field)?.value;
    const dflt = get("default");
    const description = get("description");
    for (const field of [dflt, description]) {
      if (field !== void 0 && field !== null && !(0, import_yaml3.isScalar)(field)) throw new InputError(at(field), `variable "${name}": default and description must be plain values`);
    }
    return { text: scalarText(dflt ?? null), ...description !== void 0 && description !== null && { description: scalarText(description) } };
  }
  throw new InputError(at(node), `variable "${name}" must be a value or {default, description}`);
}
function hasDefault(node) {
  return (0, import_yaml3.isMap)(node) && node.items.some((p) => (0, import_yaml3.isScalar)(p.key) && p.key.value === "default");
}
function keyOf(key, at) {
  if (!(0, import_yaml3.isScalar)(key) || key.value === null || typeof key.value === "object") throw new InputError(at(key), "variable names must be plain keys");
  return String(key.value);
}
function scalarText(node) {
  if (node === null || node === void 0 || !(0, import_yaml3.isScalar)(node) || node.value === null) return "";
  return typeof node.source === "string" ? node.source : String(node.value);
}
function isolate(text2) {
  const lines = text2.split("\n");
  const start = lines.findIndex((l) => /^vars\s*:/.test(l));
  if (start === -1) return void 0;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end])) end++;
  return { text: lines.slice(start, end).join("\n"), firstLine: start };
}

// src/core/config/compose.ts
var DEFAULT_CONTEXT_REGISTRY = "https://a-cordier.github.io/sew/";
var EMBEDDED_DEFAULT = "kind:\n  name: sew\nimages:\n  mirrors: {}\n";
async function compose(request, reader) {
  const composer = new Composer(reader, request);
  const userFile = join2(request.sewHome, "sew.yaml");
  const projectFile = request.config !== void 0 ? userPath(request.config, request.cwd, request.env) : join2(request.cwd, "sew.yaml");
  if (request.config !== void 0 && !existsSync(projectFile)) {
    throw new InputError("--config", `${request.config} does not exist`);
  }
  await refuseNonRegular(projectFile, request.config !== void 0 ? "config" : "sew.yaml");
  if (request.userConfig !== false) await refuseNonRegular(userFile, "$SEW_HOME/sew.yaml");
  const tops = [];
  if (request.userConfig !== false && existsSync(userFile)) tops.push({ file: userFile, origin: "user", overrides: false });
  if (existsSync(projectFile)) tops.push({ file: projectFile, origin: "project", overrides: true });
  const hasOverrides = request.from !== void 0 || request.registry !== void 0;
  if (tops.length === 0 && !hasOverrides) {
    const doc = parseConfig("<embedded default>", EMBEDDED_DEFAULT);
    composer.layers.push({ doc, origin: "default", dir: pathToFileURL(`${request.cwd}/`), variables: [], trusted: true });
    return { ...await composer.applyFlags(request.flags ?? []), embeddedDefault: true };
  }
  if (hasOverrides && !tops.some((t) => t.overrides)) {
    if (request.from === void 0) throw new InputError("--registry", "there is no sew.yaml whose `from` it would apply to; add --from");
    const synthetic = composer.load("--from", "", pathToFileURL(`${request.cwd}/`), true);
    composer.layers.push(...await composer.expandTop(synthetic, "project", request));
  }
  for (const top of tops) {
    const name = displayName(top.file, request.cwd);
    const text2 = await composer.read(pathToFileURL(top.file), name) ?? "";
    const loaded = composer.load(name, text2, pathToFileURL(`${dirname(top.file)}/`), true);
    composer.layers.push(...await composer.expandTop(loaded, top.origin, top.overrides ? request : {}));
  }
  return composer.applyFlags(request.flags ?? []);
}
var Composer = class {
  constructor(reader, request) {
    this.reader = reader;
    this.request = request;
    this.sets = request.sets ?? {};
    this.budget = new Budget(request.limits, request.signal);
  }
  reader;
  request;
  layers = [];
  warnings = [];
  sets;
  /** Variables some file's template read: a --set no file declares may still be read. */
  readVariables = /* @__PURE__ */ new Set();
  budget;
  /** Each file read once: a composition naming one file many times costs one read. */
  texts = /* @__PURE__ */ new Map();
  /** A context with its parents, by file and the variables it was given: diamonds stay linear. */
  resolved = /* @__PURE__ */ new Map();
  /** Local registry roots the user named (in a trusted layer or option); files under them are trusted. */
  trustedRoots = [];
  /** The text at `url`, read once and charged to the budget. */
  read(url, where) {
    let text2 = this.texts.get(url.href);
    if (text2 === void 0) {
      this.budget.check();
      text2 = this.reader.read(url, this.budget.signal).then(
        (t) => {
          this.budget.check();
          if (t !== void 0) this.budget.charge(where, Buffer.byteLength(t));
          return t;
        },
        (err) => {
          this.budget.check();
          throw err;
        }
      );
      this.texts.set(url.href, text2);
    }
    return text2;
  }
  /** A top-level or flag file: rendered with its own defaults and every --set. */
  load(name, text2, dir, trusted) {
    const block = readVarsBlock(name, text2);
    return this.parse(name, text2, dir, block, flatVariables(block, this.sets), trusted);
  }
  parse(name, text2, dir, block, values, trusted) {
    const env = envReader(this.request.env, trusted, this.request.allowEnv ?? []);
    const doc = parseConfig(name, renderFile(name, text2, values, env, (variable) => this.readVariables.add(variable)));
    if (!trusted) checkFetchedLayer(doc, this.request.sewHome, (path) => localPath(path, dir, this.request.env, this.request.cwd));
    this.warnings.push(...doc.warnings);
    return { doc, dir, block, values, trusted };
  }
  /** Whether a context at `dir` is under a local registry root the user named. */
  trusts(dir) {
    return dir.protocol === "file:" && this.trustedRoots.some((root) => dir.href.startsWith(root.href));
  }
  async expandTop(top, origin, overrides) {
    const from = overrides.from ?? fromList(top.doc);
    const fromWhere = (i) => overrides.from !== void 0 ? "--from" : top.doc.where(["from", i]);
    const own = overrides.registry !== void 0 ? { text: overrides.registry, where: "--registry" } : top.doc.value.registry !== void 0 ? { text: top.doc.value.registry, where: top.doc.where(["registry"]) } : void 0;
    const root = own ? registryRoot(own.text, top.dir, own.where) : new URL(DEFAULT_CONTEXT_REGISTRY);
    if (own && root.protocol === "file:") this.trustedRoots.push(root);
    for (const o of top.block.overrides) {
      this.warnings.push(`${top.doc.name}: vars ${o.path.replaceAll("/", ".")}.${o.name} overrides a context's variable only from a context; here use --set ${o.path.replaceAll("/", ".")}.${o.name}=${o.value}`);
    }
    const layers = await this.expand(from, fromWhere, root, NO_OVERRIDES, [fileKey(top)], true);
    layers.push({ doc: top.doc, origin, dir: top.dir, variables: reportVariables(top.block, top.values), trusted: true });
    return layers;
  }
  /**
   * The contexts `from` names, each preceded by its own parents. `overrides` are the
   * path-scoped variable overrides the composing files pass down.
   */
  async expand(from, fromWhere, root, overrides, stack, topLevel) {
    let layers = [];
    for (const [i, name] of from.entries()) {
      const where = fromWhere(i);
      const context = await this.locate(root, name, where);
      const key = context.file.href;
      if (stack.includes(key)) {
        const cycle = [...stack, key].map((k) => this.display(new URL(k)));
        throw new InputError(where, `composition cycle: ${cycle.slice(cycle.indexOf(this.display(context.file))).join(" -> ")}`);
      }
      const display = this.display(context.file);
      const block = readVarsBlock(display, context.text);
      const values = contextVariables(block, context.path, overrides, this.sets);
      const passed = passOn(overrides, block.overrides);
      const memo = JSON.stringify([key, root.href, values, [...passed]]);
      let resolved = this.resolved.get(memo);
      if (resolved === void 0) {
        resolved = this.resolve(context, display, block, values, passed, root, [...stack, key]);
        this.resolved.set(memo, resolved);
      }
      const own = await resolved;
      if (topLevel && from.length === 1 && own.at(-1).doc.value.abstract === true) {
        throw new InputError(where, `context "${name}" is abstract: compose it together with a concrete context, not alone`);
      }
      layers = lastOccurrences([...layers, ...own]);
    }
    return layers;
  }
  /** One context, preceded by its parents. */
  async resolve(context, display, block, values, passed, root, stack) {
    const trusted = this.trusts(context.dir);
    const { doc } = this.parse(display, context.text, context.dir, block, values, trusted);
    const registry = doc.value.registry !== void 0 ? registryRoot(doc.value.registry, context.dir, doc.where(["registry"])) : root;
    if (trusted && registry.protocol === "file:") this.trustedRoots.push(registry);
    if (context.dir.protocol !== "file:" && registry.protocol === "file:") {
      throw new InputError(doc.where(["registry"]), "a context fetched over http(s) cannot name a local registry");
    }
    if (doc.value.builds?.length) this.warnings.push(`${doc.where(["builds"])}: "builds" has no effect in a context, as in sew; declare builds in your sew.yaml`);
    const layers = await this.expand(fromList(doc), (j) => doc.where(["from", j]), registry, passed, stack, false);
    return [...layers, { doc, origin: "context", dir: context.dir, path: context.path, variables: reportVariables(block, values), trusted, ancestors: new Set(layers) }];
  }
  /** A context is a directory with a sew.yaml, or with a .default naming the context to follow. */
  async locate(root, name, where) {
    let dir = within(root, name, where);
    const seen = /* @__PURE__ */ new Set();
    for (; ; ) {
      const file = new URL("sew.yaml", dir);
      const text2 = await this.readWithin(root, file);
      if (text2 !== void 0) return { file, dir, path: relativeTo(root, dir).replace(/\/$/, ""), text: text2 };
      if (seen.has(dir.href)) throw new InputError(where, `.default files loop at ${this.display(dir)}`);
      seen.add(dir.href);
      const pointer = new URL(".default", dir);
      const next = (await this.readWithin(root, pointer))?.trim();
      if (next === void 0 || next === "") {
        throw new InputError(where, `context "${name}" not found: no sew.yaml or .default in ${this.display(dir)}`);
      }
      if (next.length > 256 || !/^[A-Za-z0-9._/-]+$/.test(next)) throw new InputError(this.display(pointer), "is not a context path (one line naming a context)");
      dir = within(root, relativeTo(root, dir) + next, this.display(pointer));
    }
  }
  /**
   * A file of a local registry, read only when its real path (symlinks resolved) is still
   * under the root's: a symlink must not reach files the registry does not hold.
   */
  async readWithin(root, file) {
    if (file.protocol === "file:" && root.protocol === "file:") {
      const [real, realRoot] = await Promise.all([realpathOrUndefined(fileURLToPath3(file)), realpathOrUndefined(fileURLToPath3(root))]);
      if (real === void 0) return void 0;
      if (realRoot === void 0 || !inside(realRoot, real)) {
        throw new InputError(this.display(file), `is a link to a file outside its registry root ${this.display(root)}; refused`);
      }
    }
    return this.read(file, this.display(file));
  }
  async applyFlags(requested) {
    const places = [...this.layers].reverse().filter((l, i, all) => all.findIndex((o) => o.dir.href === l.dir.href) === i);
    const flagReader = {
      read: (url) => this.readWithin(new URL("./", url), url),
      list: (url) => this.reader.list(url),
      warnings: () => this.reader.warnings()
    };
    const available = await findFlags(places, flagReader, (url) => this.display(url));
    const trustedDirs = new Set(this.layers.filter((l) => l.trusted).map((l) => l.dir.href));
    const flagLayers = [];
    for (const name of unique(requested)) {
      const found = available.find((f) => f.info.name === name);
      if (!found) throw new UnknownContextFlagError(name, available.map((f) => f.info.name), this.request.flagsWhere);
      const dir = new URL("./", found.url);
      const text2 = await flagReader.read(found.url);
      if (text2 === void 0) throw new InputError(`--${name}`, `${found.info.file} is listed but missing`);
      const trusted = trustedDirs.has(dir.href);
      const { doc, block, values } = this.load(found.info.file, text2, dir, trusted);
      for (const key of ["from", "registry", "abstract", "builds"]) {
        if (doc.value[key] !== void 0) this.warnings.push(`${doc.where([key])}: "${key}" has no effect in a context flag file`);
      }
      flagLayers.push({ doc, origin: "flag", dir, variables: reportVariables(block, values), trusted });
    }
    const layers = [...this.layers, ...flagLayers];
    return {
      layers,
      flags: unique(requested),
      available: available.map((f) => f.info),
      warnings: unique([...this.warnings, ...unusedSets(this.sets, layers, this.readVariables, this.request.setWhere), ...this.reader.warnings()]),
      embeddedDefault: false
    };
  }
  display(url) {
    if (url.protocol !== "file:") return displayUrl(url);
    return displayName(decodeURIComponent(url.pathname), this.request.cwd);
  }
};
async function realpathOrUndefined(path) {
  try {
    return await realpath(path);
  } catch {
    return void 0;
  }
}
function lastOccurrences(layers) {
  const last = new Map(layers.map((layer, i) => [layer, i]));
  return layers.filter((layer, i) => last.get(layer) === i);
}
function fromList(doc) {
  const from = doc.value.from;
  if (from === void 0) return [];
  return typeof from === "string" ? [from] : from;
}
function fileKey(file) {
  return new URL("sew.yaml", file.dir).href;
}
function registryRoot(text2, base, where) {
  let url;
  if (/^https?:\/\//.test(text2)) {
    try {
      url = new URL(text2);
    } catch {
      throw new InputError(where, `"${displayUrl(text2)}" is not a valid URL`);
    }
    if (url.username || url.password) throw new InputError(where, "a registry URL must not carry credentials");
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text2) && !text2.startsWith("file://")) {
    throw new InputError(where, `unsupported registry scheme in "${displayUrl(text2)}" (use file://, https:// or http://)`);
  } else {
    const path = text2.replace(/^file:\/\//, "");
    url = path.startsWith("/") ? pathToFileURL(path) : new URL(path.split("/").map(encodeURIComponent).join("/"), base);
  }
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  return url;
}
function within(root, name, where) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith("/")) {
    throw new InputError(where, `context "${name}" must be a path inside the registry, not absolute`);
  }
  const parts = [];
  for (const segment of name.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (parts.length === 0) throw new InputError(where, `context "${name}" escapes its registry root ${displayUrl(root)}`);
      parts.pop();
    } else {
      parts.push(encodeURIComponent(segment));
    }
  }
  return new URL(parts.length ? `${parts.join("/")}/` : "./", root);
}
function relativeTo(root, dir) {
  return decodeURIComponent(dir.href.slice(root.href.length));
}
function displayName(path, cwd) {
  const prefix = cwd.endsWith("/") ? cwd : `${cwd}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}
function unique(items) {
  return [...new Set(items)];
}

// src/core/config/merge-builds.ts
function mergeBuilds(layers) {
  const declaring = layers.filter((layer) => (layer.doc.value.builds?.length ?? 0) > 0).at(-1);
  if (declaring === void 0) return [];
  const { doc, dir } = declaring;
  return (doc.value.builds ?? []).map((value, i) => ({
    value,
    where: doc.where(["builds", i]),
    whereField: (field) => doc.where(["builds", i, field]),
    dir
  }));
}

// src/core/config/merge.ts
var COMPOSITION_KEYS = /* @__PURE__ */ new Set(["registry", "from", "abstract", "description", "vars", "kind", "images", "builds"]);
var KIND_REPLACED = /* @__PURE__ */ new Set(["containerdConfigPatches"]);
var DEFAULT_KIND_NAME = "sew";
var OWN = /* @__PURE__ */ new Set(["default", "user", "project"]);
function mergeLayers(layers, env, cwd) {
  let refs = [];
  let skip = [];
  let platforms;
  let mirrors;
  const registries = {};
  let registryImage;
  let local;
  let cacheRegistry;
  let cacheRegistryMode;
  let carried = {};
  let refsFrom = [];
  let skipFrom = [];
  for (const layer of layers) {
    const { doc } = layer;
    const file = doc.value;
    const preload = file.images?.preload;
    if (preload) {
      const layerRefs = normaliseAll(doc, ["images", "preload", "refs"], preload.refs ?? []);
      if (preload.mode === "replace") {
        const outside = (from) => layer.ancestors !== void 0 && !layer.ancestors.has(from);
        const keptRefs = refs.map((_, k) => k).filter((k) => outside(refsFrom[k]));
        const keptSkip = skip.map((_, k) => k).filter((k) => outside(skipFrom[k]));
        refs = [...keptRefs.map((k) => refs[k]), ...layerRefs];
        refsFrom = [...keptRefs.map((k) => refsFrom[k]), ...layerRefs.map(() => layer)];
        skip = keptSkip.map((k) => skip[k]);
        skipFrom = keptSkip.map((k) => skipFrom[k]);
      } else {
        const layerSkip = normaliseAll(doc, ["images", "preload", "skip"], preload.skip ?? []);
        refs = [...refs, ...layerRefs];
        refsFrom = [...refsFrom, ...layerRefs.map(() => layer)];
        skip = [...skip, ...layerSkip];
        skipFrom = [...skipFrom, ...layerSkip.map(() => layer)];
      }
      if (preload.platforms !== void 0) platforms = preload.platforms;
    }
    const images = file.images;
    if (images && "mirrors" in images && images.mirrors !== void 0) {
      const m = images.mirrors ?? {};
      mirrors = {
        ...m.data !== void 0 && { data: localPath(m.data, layer.dir, env, cwd) },
        upstreams: (m.upstreams ?? []).map((value, i) => ({ value, where: doc.where(["images", "mirrors", "upstreams", i]) }))
      };
    }
    for (const [host, access] of Object.entries(images?.registries ?? {})) {
      registries[host] = { value: access, where: doc.where(["images", "registries", host]), trusted: layer.trusted };
    }
    if (images && "local" in images && images.local !== void 0) {
      local = { value: images.local ?? {}, where: doc.where(["images", "local"]) };
    }
    if (images?.registryImage !== void 0) {
      registryImage = { value: images.registryImage, where: doc.where(["images", "registryImage"]) };
    }
    if (images?.cacheRegistry !== void 0) cacheRegistry = { value: images.cacheRegistry, where: doc.where(["images", "cacheRegistry"]) };
    if (images?.cacheRegistryMode !== void 0) cacheRegistryMode = { value: images.cacheRegistryMode, where: doc.where(["images", "cacheRegistryMode"]) };
    const rest = Object.fromEntries(Object.entries(file).filter(([key]) => !COMPOSITION_KEYS.has(key)));
    carried = mergeCarried(carried, rest);
  }
  return {
    kind: clusterKind(layers.flatMap((layer) => layer.doc.value.kind ? [{ origin: layer.origin, kind: layerKind(layer, layer.doc.value.kind) }] : [])),
    preload: { refs, skip, ...platforms !== void 0 && { platforms } },
    ...mirrors && { mirrors },
    registries,
    ...registryImage && { registryImage },
    ...local && { local },
    ...cacheRegistry && { cacheRegistry },
    ...cacheRegistryMode && { cacheRegistryMode },
    builds: mergeBuilds(layers.filter((layer) => OWN.has(layer.origin))),
    carried
  };
}
function normaliseAll(doc, path, refs) {
  return refs.map((ref, i) => {
    const where = doc.where([...path, i]);
    return { value: normaliseAt(ref, where), where };
  });
}
function layerKind(layer, kind) {
  return layer.trusted ? kind : confinedKind(kind);
}
function clusterKind(kinds) {
  let own = {};
  let contextName;
  let contextPorts = [];
  let flagPorts = [];
  for (const { origin, kind } of kinds) {
    if (OWN.has(origin)) own = mergeKind(own, kind);
    else if (origin === "flag") flagPorts = unionPorts(flagPorts, firstNodePorts(kind));
    else {
      if (typeof kind.name === "string" && kind.name !== "") contextName = kind.name;
      contextPorts = unionPorts(contextPorts, firstNodePorts(kind));
    }
  }
  const out = { ...own };
  if (contextName !== void 0 && (own.name === void 0 || own.name === DEFAULT_KIND_NAME)) out.name = contextName;
  const nodes = Array.isArray(own.nodes) && own.nodes.length > 0 ? own.nodes : [{ role: "control-plane" }];
  const mapped = unionPorts(contextPorts, portsOf(nodes[0]));
  const ports = [...mapped, ...flagPorts.filter((port) => !mapped.some((m) => portKey(m) === portKey(port)))];
  if (ports.length > portsOf(nodes[0]).length) out.nodes = [{ ...nodes[0], extraPortMappings: ports }, ...nodes.slice(1)];
  return out;
}
function mergeKind(base, child) {
  const out = { ...base };
  for (const [key, value] of Object.entries(child)) {
    if (key === "nodes") out.nodes = mergeNodes(base.nodes, value);
    else if (value === "") continue;
    else if (key === "name" && value === DEFAULT_KIND_NAME && typeof base.name === "string") continue;
    else out[key] = KIND_REPLACED.has(key) ? value : mergeValues(base[key], value, false);
  }
  return out;
}
function mergeNodes(base, child) {
  if (!Array.isArray(child) || child.length === 0) return base ?? child;
  const first = child[0];
  const inherited = Array.isArray(base) && isPlainObject(base[0]) ? portsOf(base[0]) : [];
  if (inherited.length === 0) return child;
  return [{ ...first, extraPortMappings: unionPorts(inherited, portsOf(first)) }, ...child.slice(1)];
}
function firstNodePorts(kind) {
  return Array.isArray(kind.nodes) && isPlainObject(kind.nodes[0]) ? portsOf(kind.nodes[0]) : [];
}
function portsOf(node) {
  return Array.isArray(node.extraPortMappings) ? node.extraPortMappings : [];
}
function portKey(port) {
  return `${String(port.containerPort)}/${String(port.protocol ?? "")}`;
}
function unionPorts(base, child) {
  const out = [...base];
  for (const port of child) {
    const at = out.findIndex((p) => portKey(p) === portKey(port));
    if (at === -1) out.push(port);
    else out[at] = port;
  }
  return out;
}
function mergeCarried(base, child) {
  return mergeValues(base, child, true);
}
function mergeValues(base, child, byName) {
  if (isPlainObject(base) && isPlainObject(child)) {
    const out = { ...base };
    for (const [key, value] of Object.entries(child)) out[key] = mergeValues(base[key], value, byName);
    return out;
  }
  if (byName && Array.isArray(base) && Array.isArray(child) && [...base, ...child].every(hasName)) {
    const out = base.map((item) => ({ ...item }));
    for (const item of child) {
      const at = out.findIndex((existing) => existing.name === item.name);
      if (at === -1) out.push(item);
      else out[at] = mergeValues(out[at], item, byName);
    }
    return out;
  }
  return child;
}
function isPlainObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function hasName(value) {
  return isPlainObject(value) && typeof value.name === "string";
}

// src/core/local/local-registry.ts
import { join as join3 } from "node:path";
function planLocal(input, sewHome2, overrides = {}) {
  if (!input && !overrides.enable) return null;
  const value = input?.value ?? {};
  if (value.external !== void 0) return { kind: "external", ...parseExternal(value.external, input?.where ?? "images.local.external"), cache: false };
  const port = value.port ?? localRegistryPort(sewHome2.identity);
  const portMayMove = value.port === void 0 && !sewHome2.identity.isDefault;
  return { kind: "container", container: localContainerName(sewHome2.identity), port, portMayMove, ...pushAddress(port), data: join3(sewHome2.path, "local"), cache: overrides.cache ?? value.cache ?? false };
}
function onPort(local, port) {
  return port === local.port ? local : { ...local, port, ...pushAddress(port) };
}
function pushAddress(port) {
  return { host: `localhost:${port}`, pushTarget: `localhost:${port}` };
}
function parseExternal(text2, where) {
  const at = text2.lastIndexOf("@");
  const target = at === -1 ? text2 : text2.slice(at + 1);
  const slash = target.indexOf("/");
  const host = slash === -1 ? target : target.slice(0, slash);
  const path = slash === -1 ? "" : target.slice(slash);
  if (!isRegistryHost(host) || !/^(\/[a-z0-9._/-]*)?$/i.test(path)) throw new InputError(where, `"${target}" is not [user:pass@]host[:port][/path]`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new InputError(where, `"${target}": ${portProblem}`);
  return { host: host.toLowerCase(), pushTarget: `${host.toLowerCase()}${path.replace(/\/$/, "")}` };
}
function localHostsFile(local) {
  return [local.host, `server = "http://${local.host}"

[host."http://${local.container}:${REGISTRY_PORT}"]
  capabilities = ["pull", "resolve"]
`];
}

// src/core/mirrors/layout.ts
import { join as join4 } from "node:path";
function mirrorsStorageRoot(data) {
  return join4(data, "data");
}
function mirrorStorageDir(data, host) {
  return join4(mirrorsStorageRoot(data), host);
}

// src/core/plan.ts
var DEFAULT_REGISTRY_IMAGE = "registry:2";
var DEFAULT_CLUSTER_NAME = "sew";
var CLI_WORDS = { preload: "--preload", mirrors: "--mirror", set: "--set", build: "--build" };
async function resolvePlan(options, reader, facts) {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  refuseSharedHome(home, options.env);
  for (const flag of options.flags ?? []) checkFlagName(flag, "flag");
  const composition = await compose({ ...options, sewHome: home, ...options.where?.flags !== void 0 && { flagsWhere: options.where.flags }, ...options.where && { setWhere: options.where.set } }, reader);
  const config = mergeLayers(composition.layers, options.env, options.cwd);
  const readsDefault = facts !== void 0 && options.cluster !== false && options.nodeImage === void 0 && !nodesNameImage(userNodes(config));
  const kindDefault = readsDefault ? await facts.kindDefault(options.env) : void 0;
  const plan = buildPlan(composition, config, { ...options, sewHome: home, ...kindDefault && { kindDefault } });
  if (plan.needs.builds) await readyToRun(plan.builds, options.env);
  return plan;
}
function refuseSharedHome(home, env) {
  checkSewHome(realPath(home), realPath(homeDir(env)), home);
}
function buildPlan(composition, config, options) {
  const home = options.sewHome;
  const identity = homeIdentity(home, options.env);
  const words = options.where ?? CLI_WORDS;
  const extra = (options.extraRefs ?? []).map((ref) => ({ value: normaliseAt(ref, words.preload), where: words.preload }));
  const skip = new Set(config.preload.skip.map((s) => s.value));
  const builds = planBuilds(config.builds, options.env);
  const built = new Set(builds.map((b) => b.image));
  const all = unique2([...config.preload.refs, ...extra].map((r) => r.value));
  const kept = all.filter((ref) => !skip.has(ref) && !built.has(ref));
  const skipped = all.filter((ref) => skip.has(ref));
  const preloadRefs = options.skipPreload ? [] : kept;
  const preloadData = join5(home, "preload");
  const extraUpstreams = (options.extraUpstreams ?? []).map((value) => ({ value, where: words.mirrors }));
  const mirrorsOn = config.mirrors !== void 0 || extraUpstreams.length > 0;
  const mirrorsData = config.mirrors?.data ?? join5(home, "mirrors");
  const entries = mirrorsOn ? parseUpstreams([...config.mirrors?.upstreams ?? [], ...extraUpstreams]).map((e) => hasLocalProxy(e) ? { ...e, container: mirrorContainerName(e.host, identity), storage: mirrorStorageDir(mirrorsData, e.host) } : e) : [];
  const mirrors = mirrorsOn ? { upstreams: entries.map((e) => e.host), data: mirrorsData, storage: mirrorsStorageRoot(mirrorsData), entries } : null;
  const hostsDir = join5(mirrorsData, "hosts");
  const registryImage = chosenRegistryImage(options, config);
  const platforms = config.preload.platforms ?? [options.platform ?? hostPlatformName()];
  const name = options.clusterName !== void 0 ? checkClusterName(options.clusterName, "cluster name") : typeof config.kind.name === "string" ? config.kind.name : DEFAULT_CLUSTER_NAME;
  const registries = resolveRegistries(config.registries, options.env);
  for (const endpoint of Object.values(registries)) registryCredentials(endpoint, options.env);
  const local = planLocal(config.local, { path: home, identity }, { ...options.local && { enable: true }, ...options.localCache !== void 0 && { cache: options.localCache } });
  const wiring = preloadRefs.length > 0 || builds.length > 0 || mirrors !== null || local?.kind === "container";
  const facts = needsOf(options, { preloadRefs, builds: builds.length, mirrorProxies: entries.some(hasLocalProxy), localContainer: local?.kind === "container", wiring });
  const cachePaths = [
    ...facts.preloadImages ? [preloadData] : [],
    ...facts.mirrors && mirrors ? [mirrors.storage] : [],
    ...local?.kind === "container" && local.cache ? [local.data] : []
  ];
  const nodeImage = facts.cluster ? chooseNodeImage(options.nodeImage, userNodes(config), options.kindDefault, { home, platform: options.platform ?? hostPlatformName() }) : { warnings: [] };
  const stored = nodeImage.image?.stored;
  const needs = { ...facts, nodeImage: stored !== void 0 };
  const warnings = [
    ...composition.warnings,
    ...nodeImage.warnings,
    ...options.build && builds.length === 0 ? [`${words.build}: no builds are declared in sew.yaml, nothing to build`] : [],
    ...composition.available.filter((flag) => options.switches?.includes(flag.name) && !composition.flags.includes(flag.name)).map((flag) => `--${flag.name}: applied as sew-ci's own option, not as the context flag of that name (${flag.file}); activate the flag with --flag ${flag.name} (action input flags: ${flag.name})`)
  ];
  return {
    sewHome: home,
    home: identity,
    sources: composition.layers.map((l) => l.doc.name),
    embeddedDefault: composition.embeddedDefault,
    warnings,
    needs,
    cluster: {
      name,
      ...nodeImage.image?.source === "node-image" && { image: nodeImage.image.ref },
      wait: options.wait ?? "60s",
      kindConfigPath: kindConfigPath(home, name),
      statePath: statePath(home, name),
      kubeconfig: kubeconfigPath(options.env)
    },
    nodeImage: nodeImage.image ?? null,
    flags: composition.flags,
    availableFlags: composition.available,
    variables: composition.layers.filter((l) => l.variables.length > 0).map((l) => ({ source: l.doc.name, variables: l.variables })),
    preload: {
      enabled: !options.skipPreload,
      refs: preloadRefs,
      skipped,
      platforms,
      hosts: unique2([...preloadRefs, ...builds.map((b) => b.image)].map((r) => parseReference(r).host)),
      container: preloadContainerName(identity),
      data: preloadData
    },
    mirrors,
    local,
    registries,
    cacheRegistry: chosenCacheRegistry(options, config),
    registryImage,
    publish: publishing(options.env),
    hostsDir,
    cacheKey: cacheKey({ refs: preloadRefs, upstreams: mirrors?.upstreams ?? [], registryImage, platforms }),
    cachePaths,
    separateCaches: stored ? [{ name: "node-image", key: nodeImageCacheKey(stored.digest, stored.platform), paths: [stored.data], image: { ref: nodeImage.image.ref, platform: stored.platform } }] : [],
    kindConfig: kindConfig(config.kind, name, wiring ? hostsDir : void 0),
    builds,
    buildLogs: buildLogDir(home),
    carried: config.carried
  };
}
function chosenCacheRegistry(options, config) {
  const [ref, where] = options.cacheRegistry !== void 0 ? [options.cacheRegistry, "cache registry"] : config.cacheRegistry ? [config.cacheRegistry.value, config.cacheRegistry.where] : [void 0, ""];
  if (ref === void 0) return null;
  const location = parseCacheRegistryAt(ref, where);
  const fallback = options.cacheRegistryDefault ?? { mode: "read", why: "default" };
  const [mode, modeFrom] = options.cacheRegistryMode !== void 0 ? [options.cacheRegistryMode, "cache registry mode"] : config.cacheRegistryMode ? [config.cacheRegistryMode.value, config.cacheRegistryMode.where] : [fallback.mode, fallback.why];
  return { ref: `${location.host}${location.path ? `/${location.path}` : ""}`, ...location, mode, where, modeFrom };
}
function needsOf(options, facts) {
  const builds = options.build === true && facts.builds > 0;
  const preloadImages = facts.preloadRefs.length > 0;
  const preloadRegistry = preloadImages || builds;
  const cluster = options.cluster !== false;
  return {
    docker: preloadRegistry || facts.mirrorProxies || facts.localContainer || cluster,
    preloadRegistry,
    preloadImages,
    builds,
    mirrors: facts.mirrorProxies,
    hostsFiles: facts.wiring,
    cluster
  };
}
function userNodes(config) {
  return Array.isArray(config.kind.nodes) ? config.kind.nodes.filter((n) => typeof n === "object" && n !== null) : [];
}
function chosenRegistryImage(options, config) {
  const [image, where] = options.registryImage !== void 0 ? [options.registryImage, "registry image"] : options.env.SEW_REGISTRY_IMAGE ? [options.env.SEW_REGISTRY_IMAGE, "SEW_REGISTRY_IMAGE"] : config.registryImage ? [config.registryImage.value, config.registryImage.where] : [DEFAULT_REGISTRY_IMAGE, "default"];
  normaliseAt(image, where);
  return image;
}
function unique2(items) {
  return [...new Set(items)];
}
function publicPlan(plan) {
  const registries = Object.fromEntries(
    Object.entries(plan.registries).map(([host, r]) => [host, { url: r.url, credentials: r.username !== void 0 || r.password !== void 0 }])
  );
  return { ...plan, registries };
}

export {
  selectBuilds,
  readyToRun,
  onPort,
  localHostsFile,
  DEFAULT_CLUSTER_NAME,
  resolvePlan,
  refuseSharedHome,
  buildPlan,
  publicPlan
};
