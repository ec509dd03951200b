import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CACHE_REGISTRY_MODES,
  _enum,
  array,
  boolean,
  literal,
  number,
  object,
  record,
  require_dist,
  string,
  union,
  unknown
} from "./chunk-AGVPR22D.js";
import {
  platformProblem
} from "./chunk-EBQAAFSX.js";
import {
  CLUSTER_NAME_RULE,
  isClusterName,
  isPort
} from "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";
import {
  __toESM
} from "./chunk-I64FK5AC.js";

// src/core/config/document.ts
var import_yaml2 = __toESM(require_dist(), 1);

// src/core/config/platform.ts
var platformField = string().regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, "must look like os/arch[/variant]").refine((v) => platformProblem(v) === void 0, { error: (issue) => platformProblem(String(issue.input)) });

// src/core/config/builds.ts
var nonEmpty = string().min(1, "must not be empty");
var buildSchema = object({
  name: string().regex(/^[A-Za-z0-9][\w.-]*$/, "must be a word (letters, digits, ., _, -)"),
  image: nonEmpty,
  /** Where `pre` runs and what `context` and `dockerfile` are relative to; default: the file's directory. */
  dir: nonEmpty.optional(),
  pre: array(nonEmpty).optional(),
  context: nonEmpty.optional(),
  dockerfile: nonEmpty.optional(),
  /** sew-ci extension: `--build-arg` values, `${VAR}` expanded from the environment when the build runs. */
  buildArgs: record(string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "must be a variable name"), string()).optional(),
  /** sew-ci extension: `docker build --platform`. */
  platform: platformField.optional()
}).strict();
var buildsSchema = array(buildSchema).superRefine((builds, ctx) => {
  const seen = /* @__PURE__ */ new Set();
  for (const [i, build] of builds.entries()) {
    if (seen.has(build.name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `is "${build.name}", already the name of another build` });
    seen.add(build.name);
  }
});

// src/core/config/schema.ts
var nonEmpty2 = string().min(1, "must not be empty");
var PRELOAD_MODES = ["merge", "replace"];
var preloadSchema = object({
  mode: _enum(PRELOAD_MODES).optional(),
  refs: array(nonEmpty2).optional(),
  skip: array(nonEmpty2).optional(),
  /** sew-ci extension: platforms to copy for tags (default: the host's); `all` copies whole indexes. */
  platforms: union([literal("all"), array(platformField).min(1)]).optional()
}).strict();
var upstreamSchema = union([
  nonEmpty2,
  object({ host: nonEmpty2, endpoints: array(nonEmpty2).min(1).optional() }).strict()
]);
var mirrorsSchema = object({
  data: nonEmpty2.optional(),
  upstreams: array(upstreamSchema).optional()
}).strict();
var registryAccessSchema = object({
  url: nonEmpty2.optional(),
  username: string().optional(),
  password: string().optional()
}).strict();
var localSchema = object({
  port: number().int().min(1).max(65535).optional(),
  /** `[user:pass@]host[:port][/path]`: push to an existing registry instead of a local one. */
  external: nonEmpty2.optional(),
  /** Keep the local registry's data in the CI cache (build outputs usually change every run). */
  cache: boolean().optional()
}).strict();
var imagesSchema = object({
  local: localSchema.nullable().optional(),
  mirrors: mirrorsSchema.nullable().optional(),
  preload: preloadSchema.optional(),
  registries: record(nonEmpty2, registryAccessSchema).optional(),
  /** sew-ci extension: the image the preload and mirror registries run. */
  registryImage: nonEmpty2.optional(),
  /** sew-ci extension: the OCI registry shared as a second-level image cache (`host[/path]`); the user's own files only. */
  cacheRegistry: nonEmpty2.optional(),
  cacheRegistryMode: _enum(CACHE_REGISTRY_MODES).optional()
}).strict();
var port = (allowZero) => number().refine((n) => isPort(n, allowZero), `must be a port (${allowZero ? 0 : 1}-65535)`);
var kindNodeSchema = object({
  role: _enum(["control-plane", "worker"]).optional(),
  image: nonEmpty2.optional(),
  extraMounts: array(record(string(), unknown())).optional(),
  extraPortMappings: array(object({ containerPort: port(false).optional(), hostPort: port(true).optional() }).loose()).optional()
}).loose();
var kindSchema = object({
  // Empty is no name (a template such as "{{ .clusterName }}" rendered with an empty value): as in sew, it does not override.
  name: string().refine((v) => v === "" || isClusterName(v), CLUSTER_NAME_RULE).optional(),
  nodes: array(kindNodeSchema).optional(),
  containerdConfigPatches: array(string()).optional()
}).loose();
var KNOWN_TOP_LEVEL = [
  "registry",
  "from",
  "abstract",
  "description",
  "vars",
  "kind",
  "images",
  "components",
  "helm",
  "repos",
  "features",
  "builds",
  "notes"
];
var sewFileSchema = object({
  registry: nonEmpty2.optional(),
  from: union([nonEmpty2, array(nonEmpty2)]).optional(),
  abstract: boolean().optional(),
  description: string().optional(),
  /** Template variables, read from the raw text before rendering (vars.ts). */
  vars: unknown().optional(),
  kind: kindSchema.optional(),
  images: imagesSchema.optional(),
  components: array(record(string(), unknown())).optional(),
  helm: unknown().optional(),
  repos: unknown().optional(),
  features: unknown().optional(),
  builds: buildsSchema.optional(),
  notes: unknown().optional()
}).loose();

// src/core/config/yaml.ts
var import_yaml = __toESM(require_dist(), 1);
var MAX_ALIAS_COUNT = 100;
function readYaml(name, text) {
  const lines = new import_yaml.LineCounter();
  const doc = (0, import_yaml.parseDocument)(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset) => {
    const { line, col } = lines.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  const error = doc.errors[0];
  if (error) throw new InputError(at(error.pos[0]), reasonOf(error.message));
  const duplicate = duplicateKey(doc);
  if (duplicate) throw new InputError(at(duplicate.offset), duplicate.message);
  const quoted = firstPair(doc, (key) => key.value === MERGE_KEY);
  if (quoted !== void 0) throw new InputError(at(quoted), 'a quoted "<<" key is refused: the Kind config would read it as a merge key');
  return {
    doc,
    at,
    toJS() {
      try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        if (err instanceof ReferenceError || err instanceof RangeError) {
          throw new InputError(at(firstAlias(doc) ?? 0), `too many alias expansions (more than ${MAX_ALIAS_COUNT}); write the values out`);
        }
        const merge = firstPair(doc, (key) => typeof key.value === "symbol");
        if (merge === void 0) throw err;
        throw new InputError(at(merge), 'a "<<" merge key must name a mapping or a list of mappings');
      }
    }
  };
}
function duplicateKey(doc) {
  let found;
  const vars = varsRange(doc);
  (0, import_yaml.visit)(doc, {
    Map(_, map) {
      const start = map.range?.[0];
      if (vars && start !== void 0 && start >= vars[0] && start < vars[1]) return void 0;
      const seen = /* @__PURE__ */ new Set();
      for (const pair of map.items) {
        if (!(0, import_yaml.isScalar)(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          found = { offset: pair.key.range?.[0] ?? 0, message: `Map keys must be unique ("${clip(key)}" is written twice)` };
          return import_yaml.visit.BREAK;
        }
        seen.add(key);
      }
      return void 0;
    }
  });
  return found;
}
function varsRange(doc) {
  if (!(0, import_yaml.isMap)(doc.contents)) return void 0;
  const value = doc.contents.items.find((p) => (0, import_yaml.isScalar)(p.key) && p.key.value === "vars")?.value;
  return value?.range ? [value.range[0], value.range[2]] : void 0;
}
var MERGE_KEY = "<<";
function firstPair(doc, test) {
  let offset;
  (0, import_yaml.visit)(doc, {
    Pair(_, pair) {
      if (!(0, import_yaml.isScalar)(pair.key) || !test(pair.key)) return void 0;
      offset = pair.key.range?.[0] ?? 0;
      return import_yaml.visit.BREAK;
    }
  });
  return offset;
}
function firstAlias(doc) {
  let offset;
  (0, import_yaml.visit)(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return import_yaml.visit.BREAK;
    }
  });
  return offset;
}
function reasonOf(message) {
  return message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "").slice(0, 120);
}
function clip(text) {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
function pairOf(map, key) {
  if (!(0, import_yaml.isMap)(map)) return void 0;
  let index = KEY_INDEX.get(map);
  if (index === void 0) {
    index = /* @__PURE__ */ new Map();
    for (const pair of map.items) if ((0, import_yaml.isScalar)(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    KEY_INDEX.set(map, index);
  }
  return index.get(key);
}
var KEY_INDEX = /* @__PURE__ */ new WeakMap();

// src/core/config/document.ts
function parseConfig(name, text) {
  const yaml = readYaml(name, text);
  const { doc, at } = yaml;
  const where = (path, key) => at(offsetOf(doc, path, key === "key"));
  const raw = yaml.toJS() ?? {};
  if (typeof raw !== "object" || Array.isArray(raw) || raw === null) {
    throw new InputError(where([]), "a sew.yaml must be a mapping of keys to values");
  }
  const exotic = nonJsonPath(raw, []);
  if (exotic) throw new InputError(where(exotic), `"${exotic.join(".")}" must be a plain YAML value (no !!binary or other typed tags)`);
  const parsed = sewFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const at2 = issue.code === "unrecognized_keys" ? where([...issue.path, issue.keys[0]], "key") : where(issue.path);
    throw new InputError(at2, describeIssue(issue));
  }
  const warnings = Object.keys(raw).filter((key) => !KNOWN_TOP_LEVEL.includes(key)).map((key) => {
    const near = closest(key, KNOWN_TOP_LEVEL);
    return `${where([key], "key")}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ""}; carried, not used by sew-ci`;
  });
  return { name, value: parsed.data, where, warnings };
}
function nonJsonPath(value, path) {
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return void 0;
  if (Array.isArray(value)) return firstDefined(value.map((item, i) => () => nonJsonPath(item, [...path, i])));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return firstDefined(Object.entries(value).map(([key, item]) => () => nonJsonPath(item, [...path, key])));
  }
  return path;
}
function firstDefined(checks) {
  for (const check of checks) {
    const found = check();
    if (found !== void 0) return found;
  }
  return void 0;
}
function offsetOf(doc, path, atKey) {
  let node = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, key] of path.entries()) {
    if (!(0, import_yaml2.isMap)(node) && !(node && typeof node === "object" && "items" in node)) break;
    const items = node.items;
    let next;
    if (typeof key === "number") {
      next = items[key];
    } else if ((0, import_yaml2.isMap)(node)) {
      const pair = pairOf(node, key);
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      if (atKey && i === path.length - 1) return offset;
      next = pair.value;
    }
    const start = rangeStart(next);
    if (start === void 0) break;
    offset = start;
    node = next;
  }
  return offset;
}
function rangeStart(node) {
  const range = node?.range;
  return range?.[0];
}
function describeIssue(issue) {
  const field = issue.path.length ? `"${issue.path.join(".")}"` : "the file";
  if (issue.code === "unrecognized_keys") {
    return `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} in ${field}`;
  }
  if (issue.code === "invalid_value") return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  if (issue.code === "invalid_type") return `${field} must be ${article(issue.expected)}`;
  if (issue.code === "invalid_union") return `${field} has the wrong shape`;
  if (issue.code === "invalid_key") return `${field} is not a valid key: it ${issue.issues[0]?.message ?? "is refused"}`;
  return `${field} ${issue.message}`;
}
function article(expected) {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}
function closest(word, candidates) {
  let best;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}
function editDistance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

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
function unusedSets(sets, files, read, setWhere = "--set") {
  const plain = [...new Set(files.flatMap((f) => f.variables.map((v) => v.name)))];
  const scoped = [...new Set(files.flatMap((f) => f.path === void 0 ? [] : f.variables.map((v) => `${f.path.replaceAll("/", ".")}.${v.name}`)))];
  const warnings = [];
  for (const key of Object.keys(sets)) {
    const known = key.includes(".") ? scoped : plain;
    if (known.includes(key) || read.has(key)) continue;
    const near = closest(key, known) ?? (key.includes(".") ? known.find((k) => k.endsWith(`.${key.split(".").at(-1)}`)) : void 0);
    warnings.push(`${setWhere} ${key}: no composed file declares or reads this variable${near !== void 0 ? `; did you mean ${near}?` : ""}`);
  }
  return warnings;
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
  readYaml,
  duplicateKey,
  parseConfig,
  NO_OVERRIDES,
  parseSets,
  setProblem,
  contextVariables,
  unusedSets,
  flatVariables,
  passOn,
  reportVariables
};
