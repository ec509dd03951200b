import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  DOCKER_HUB,
  hostNamespace,
  hostPortProblem
} from "./chunk-6QVV3MEJ.js";
import {
  InputError
} from "./chunk-KX7LMD7I.js";

// src/core/format.ts
function formatBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
function displayUrl(url) {
  if (typeof url === "string") {
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, "$1").replace(/[?#].*$/s, "");
  }
  if (url.protocol === "file:") return decodeURIComponent(url.pathname);
  return `${url.protocol}//${url.host}${url.pathname}`;
}
function maskUrls(text) {
  return text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, (url) => displayUrl(url));
}

// src/core/paths.ts
import { homedir } from "node:os";
import { join, resolve } from "node:path";
function expandHome(path, env = process.env) {
  if (path !== "~" && !path.startsWith("~/")) return path;
  return join(env.HOME || homedir(), path.slice(1));
}
function userPath(path, cwd, env = process.env) {
  return resolve(cwd, expandHome(path, env));
}
function sewHome(env, override) {
  const chosen = override ?? env.SEW_HOME;
  return chosen ? userPath(chosen, process.cwd(), env) : defaultSewHome(env);
}
function defaultSewHome(env) {
  return join(env.HOME || homedir(), ".sew");
}
function hostPlatform(arch = process.arch) {
  const map = { x64: "linux/amd64", arm64: "linux/arm64", arm: "linux/arm/v7", ppc64: "linux/ppc64le", s390x: "linux/s390x" };
  return map[arch] ?? `linux/${arch}`;
}

// src/core/registry/access.ts
var DOCKER_HUB_API = "https://registry-1.docker.io";
function defaultAccess(host) {
  return { url: host === DOCKER_HUB ? DOCKER_HUB_API : `https://${host}` };
}

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

// src/core/config/registries.ts
function defaultRegistryUrl(host) {
  return defaultAccess(host).url;
}
function resolveRegistries(declared, env) {
  const out = {};
  for (const [host, { value, where }] of Object.entries(declared)) {
    const url = value.url === void 0 ? defaultRegistryUrl(host) : checkRegistryUrl(expandVariables(value.url, env, where), where);
    out[host] = {
      host,
      url,
      where,
      ...value.username !== void 0 && { username: value.username },
      ...value.password !== void 0 && { password: value.password }
    };
  }
  return out;
}
function endpointFor(registries, host) {
  return registries[host] ?? { host, url: defaultRegistryUrl(host) };
}
function registryCredentials(endpoint, env) {
  if (endpoint.username === void 0 && endpoint.password === void 0) return void 0;
  const where = endpoint.where ?? endpoint.host;
  return {
    username: expandVariables(endpoint.username ?? "", env, where),
    password: expandVariables(endpoint.password ?? "", env, where)
  };
}
function checkRegistryUrl(text, where) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(where, `"${displayUrl(text)}" is not a valid URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InputError(where, `"${displayUrl(text)}" must be an http:// or https:// URL`);
  }
  if (url.username || url.password) throw new InputError(where, "put credentials in username/password, not in the url");
  if (url.search || url.hash) throw new InputError(where, `"${displayUrl(url)}" must not have a query or fragment`);
  return url.href.replace(/\/$/, "");
}

// src/core/fs/atomic.ts
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join as join2 } from "node:path";
function temporaryPath(dir, path) {
  return join2(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
}
async function writeFileAtomic(path, content, options = {}) {
  const tmp = temporaryPath(options.tmpDir ?? dirname(path), path);
  await mkdir(dirname(path), { recursive: true });
  try {
    const handle = await open(tmp, "w", 420);
    try {
      await handle.writeFile(content);
      if (options.sync ?? true) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

// src/core/home/identity.ts
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { basename as basename2, dirname as dirname2, join as join3 } from "node:path";
function homeIdentity(sewHome2, env) {
  const real = realPath(sewHome2);
  return { id: createHash("sha256").update(real).digest("hex").slice(0, 12), isDefault: real === realPath(defaultSewHome(env)) };
}
function realPath(path) {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname2(path);
    return parent === path ? path : join3(realPath(parent), basename2(path));
  }
}

// src/core/mirrors/upstreams.ts
var WILDCARD = "*";
var LOCAL = "local";
var HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::[0-9]{1,5})?$/;
function parseUpstreams(entries) {
  const out = [];
  for (const { value, where } of entries) {
    const entry = parseUpstream(value, where);
    if (out.some((e) => e.host === entry.host)) throw new InputError(where, `"${entry.host}" is listed twice`);
    out.push(entry);
  }
  if (!out.some((e) => e.host === DOCKER_HUB)) out.unshift({ host: DOCKER_HUB, endpoints: [LOCAL] });
  return out;
}
function parseUpstream(value, where) {
  let host;
  let endpoints;
  if (typeof value === "string") {
    const eq = value.indexOf("=");
    host = (eq === -1 ? value : value.slice(0, eq)).trim().toLowerCase();
    endpoints = eq === -1 ? [LOCAL] : value.slice(eq + 1).split(",").map((e) => e.trim());
  } else {
    host = value.host.trim().toLowerCase();
    endpoints = value.endpoints ? [...value.endpoints] : [LOCAL];
  }
  if (host === "index.docker.io") host = DOCKER_HUB;
  if (host !== WILDCARD && !HOST.test(host)) throw new InputError(where, `"${host}" is not a registry host`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new InputError(where, `"${host}": ${portProblem}`);
  if (endpoints.length === 0 || endpoints.some((e) => e === "")) throw new InputError(where, `"${host}" has an empty endpoint`);
  const checked = endpoints.map((e) => e === LOCAL ? e : checkRegistryUrl(e, where));
  if (host === WILDCARD && checked.includes(LOCAL)) {
    throw new InputError(where, 'the wildcard "*" needs endpoints (`*=https://cache.example.com`): a local proxy serves one upstream');
  }
  return { host, endpoints: checked };
}
function hasLocalProxy(entry) {
  return entry.endpoints.includes(LOCAL);
}

// src/core/registry/origin-policy.ts
function carriesCredentials(url, registry) {
  return url.origin === registry.origin;
}
function redirectRefusal(from, to) {
  if (to.protocol !== "https:" && to.protocol !== "http:") return `redirect to a ${to.protocol} URL refused`;
  if (from.protocol === "https:" && to.protocol === "http:") return `redirect from https to plain http (${to.host}) refused`;
  return void 0;
}
function realmRefusal(realm, registry) {
  if (realm.protocol !== "https:" && realm.protocol !== "http:") return "the token realm is not HTTP(S)";
  if (registry.protocol === "https:" && realm.protocol === "http:") return `the token realm ${realm.host} is plain http while the registry is https`;
  return void 0;
}

// src/core/containerd/hosts.ts
var DEFAULT_HOST_DIR = "_default";
var REGISTRY_PORT = 5e3;
function renderHostsFiles(input) {
  const wildcard = input.mirrors.find((m) => m.host === WILDCARD);
  const byHost = new Map(input.mirrors.filter((m) => m.host !== WILDCARD).map((m) => [m.host, m]));
  const hosts = [.../* @__PURE__ */ new Set([...input.preloadHosts, ...byHost.keys()])].sort();
  const files = /* @__PURE__ */ new Map();
  for (const host of hosts) {
    const endpoints = [];
    if (input.preloadHosts.includes(host)) endpoints.push(hostEntry(`http://${input.preloadContainer}:${REGISTRY_PORT}/v2/${hostNamespace(host)}`));
    const mirror = byHost.get(host) ?? wildcard;
    for (const endpoint of mirror?.endpoints ?? []) {
      endpoints.push(hostEntry(endpoint === LOCAL ? `http://${mirror?.container}:${REGISTRY_PORT}` : endpoint));
    }
    files.set(host, `server = ${quote(input.upstreamUrl(host))}

${endpoints.join("\n")}`);
  }
  if (wildcard) files.set(DEFAULT_HOST_DIR, wildcard.endpoints.map((e) => hostEntry(e)).join("\n"));
  return files;
}
function hostEntry(url) {
  const override = new URL(url).pathname.startsWith("/v2");
  return `[host.${quote(url)}]
  capabilities = ["pull", "resolve"]
${override ? "  override_path = true\n" : ""}`;
}
function quote(text) {
  return JSON.stringify(text);
}

export {
  expandVariables,
  hasVariables,
  formatBytes,
  displayUrl,
  maskUrls,
  expandHome,
  userPath,
  sewHome,
  hostPlatform,
  resolveRegistries,
  endpointFor,
  registryCredentials,
  temporaryPath,
  writeFileAtomic,
  carriesCredentials,
  redirectRefusal,
  realmRefusal,
  homeIdentity,
  realPath,
  parseUpstreams,
  hasLocalProxy,
  REGISTRY_PORT,
  renderHostsFiles
};
