import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  expandVariables
} from "./chunk-CUUT63CT.js";
import {
  defaultSewHome,
  displayUrl
} from "./chunk-Z7SXRXQX.js";
import {
  DOCKER_HUB,
  checkClusterName,
  hostPortProblem,
  isRegistryHost
} from "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/oci/access.ts
var DOCKER_HUB_API = "https://registry-1.docker.io";
function defaultAccess(host) {
  return { url: host === DOCKER_HUB ? DOCKER_HUB_API : `https://${host}` };
}

// src/core/config/registries.ts
function defaultRegistryUrl(host) {
  return defaultAccess(host).url;
}
function resolveRegistries(declared, env) {
  const out = {};
  for (const [host, { value, where, trusted }] of Object.entries(declared)) {
    const url = value.url === void 0 ? defaultRegistryUrl(host) : checkRegistryUrl(expandVariables(value.url, env, where), where);
    out[host] = {
      host,
      url,
      where,
      trusted,
      ...value.username !== void 0 && { username: value.username },
      ...value.password !== void 0 && { password: value.password }
    };
  }
  return out;
}
function endpointFor(registries, host) {
  return registries[host] ?? { host, url: defaultRegistryUrl(host), trusted: true };
}
function mayCarryCredentials(endpoint) {
  return endpoint.trusted || new URL(endpoint.url).origin === new URL(defaultRegistryUrl(endpoint.host)).origin;
}
async function endpointCredentials(endpoint, env, lookup) {
  if (!mayCarryCredentials(endpoint)) return void 0;
  return registryCredentials(endpoint, env) ?? await lookup(endpoint.host);
}
function upstreamAccess(endpoint, env) {
  if (!mayCarryCredentials(endpoint)) return { url: endpoint.url, anonymous: true };
  return { url: endpoint.url, ...registryCredentials(endpoint, env) };
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

// src/core/kind/config.ts
var CERTS_DIR = "/etc/containerd/certs.d";
var CONFIG_PATH_PATCH = `[plugins."io.containerd.grpc.v1.cri".registry]
  config_path = "${CERTS_DIR}"
`;
function kindConfig(user, name, hostsDir) {
  const nodes = Array.isArray(user.nodes) && user.nodes.length > 0 ? user.nodes : [{ role: "control-plane" }];
  const config = {
    ...user,
    kind: "Cluster",
    apiVersion: typeof user.apiVersion === "string" ? user.apiVersion : "kind.x-k8s.io/v1alpha4",
    name,
    nodes: nodes.map((node) => ({ ...node }))
  };
  if (hostsDir === void 0) return config;
  config.nodes = config.nodes.map((node) => {
    const mounts = Array.isArray(node.extraMounts) ? node.extraMounts : [];
    const others = mounts.filter((m) => m.containerPath !== CERTS_DIR);
    return { ...node, extraMounts: [...others, { hostPath: hostsDir, containerPath: CERTS_DIR, readOnly: true }] };
  });
  const patches = Array.isArray(user.containerdConfigPatches) ? user.containerdConfigPatches : [];
  config.containerdConfigPatches = [...patches, CONFIG_PATH_PATCH];
  return config;
}

// src/core/kind/state.ts
import { join } from "node:path";
var STATE_SUFFIX = ".yaml";
var KIND_CONFIG_SUFFIX = ".kind.yaml";
function clustersDir(sewHome) {
  return join(sewHome, "clusters");
}
function statePath(sewHome, name) {
  return join(clustersDir(sewHome), `${checkClusterName(name, "cluster name")}${STATE_SUFFIX}`);
}
function kindConfigPath(sewHome, name) {
  return join(clustersDir(sewHome), `${checkClusterName(name, "cluster name")}${KIND_CONFIG_SUFFIX}`);
}

// src/core/home/identity.ts
import { createHash } from "node:crypto";
import { realpathSync } from "node:fs";
import { basename, dirname, join as join2 } from "node:path";
function homeIdentity(sewHome, env) {
  const real = realPath(sewHome);
  return { id: createHash("sha256").update(real).digest("hex").slice(0, 12), isDefault: real === realPath(defaultSewHome(env)) };
}
function realPath(path) {
  try {
    return realpathSync.native(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join2(realPath(parent), basename(path));
  }
}

// src/core/home/names.ts
import { createHash as createHash2 } from "node:crypto";
var REGISTRY_PORT = 5e3;
var KIND_NETWORK = "kind";
var DEFAULT_LOCAL_PORT = 5050;
function publishing(env) {
  return { address: env.SEW_PUBLISH_ADDRESS || "127.0.0.1", host: env.SEW_REGISTRY_HOST || "127.0.0.1" };
}
var LOCAL_PORT_BASE = 2e4;
var LOCAL_PORT_SPAN = 1e4;
function preloadContainerName(home) {
  return `sew-preload${homeSuffix(home)}`;
}
function localContainerName(home) {
  return `sew-local${homeSuffix(home)}`;
}
function mirrorContainerName(host, home) {
  const sanitised = host.replace(/[^a-z0-9-]/g, "-");
  return `sew-mirror-${losslessly(host) ? sanitised : `${sanitised}--${shortHash(host)}`}${homeSuffix(home)}`;
}
function localRegistryPort(home) {
  return home.isDefault ? DEFAULT_LOCAL_PORT : LOCAL_PORT_BASE + Number.parseInt(home.id.slice(0, 8), 16) % LOCAL_PORT_SPAN;
}
function homeSuffix(home) {
  return home.isDefault ? "" : `--h${home.id}`;
}
function losslessly(host) {
  const match = /^([a-z0-9]+(?:\.[a-z0-9]+)*)(?::[0-9]+)?$/.exec(host);
  return match !== null && !/^[0-9]+$/.test(match[1].split(".").at(-1));
}
function shortHash(text) {
  return createHash2("sha256").update(text).digest("hex").slice(0, 12);
}

// src/core/mirrors/upstreams.ts
var WILDCARD = "*";
var LOCAL = "local";
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
  if (host !== WILDCARD && !isRegistryHost(host)) throw new InputError(where, `"${host}" is not a registry host`);
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

export {
  resolveRegistries,
  endpointFor,
  endpointCredentials,
  upstreamAccess,
  registryCredentials,
  CERTS_DIR,
  kindConfig,
  STATE_SUFFIX,
  KIND_CONFIG_SUFFIX,
  clustersDir,
  statePath,
  kindConfigPath,
  homeIdentity,
  realPath,
  REGISTRY_PORT,
  KIND_NETWORK,
  publishing,
  preloadContainerName,
  localContainerName,
  mirrorContainerName,
  localRegistryPort,
  WILDCARD,
  LOCAL,
  parseUpstreams,
  hasLocalProxy
};
