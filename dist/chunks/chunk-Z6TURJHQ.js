import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/input/checks.ts
var CLUSTER_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
var CLUSTER_NAME_RULE = "must be a lowercase DNS label (a-z, 0-9, -)";
var FLAG_NAME = /^[a-z0-9][a-z0-9-]*$/;
var FLAG_NAME_RULE = "must be a flag name (a-z, 0-9, -)";
function isClusterName(name) {
  return CLUSTER_NAME.test(name);
}
function isFlagName(name) {
  return FLAG_NAME.test(name);
}
function checkClusterName(name, where) {
  if (!isClusterName(name)) throw new InputError(where, `"${name}" ${CLUSTER_NAME_RULE}`);
  return name;
}
function checkFlagName(name, where) {
  if (!isFlagName(name)) throw new InputError(where, `"${name}" ${FLAG_NAME_RULE}`);
  return name;
}
var LABEL = "[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?";
var REGISTRY_HOST = new RegExp(`^(?:${LABEL}(?:\\.${LABEL})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
function isRegistryHost(host) {
  return REGISTRY_HOST.test(host);
}
function hostPortProblem(host) {
  const port = /:([0-9]+)$/.exec(host)?.[1];
  return port === void 0 || isPort(Number(port)) ? void 0 : `port ${port} out of range (1-65535)`;
}
function isPort(value, allowZero = false) {
  return Number.isInteger(value) && value >= (allowZero ? 0 : 1) && value <= 65535;
}
var SYSTEM_DIRS = /* @__PURE__ */ new Set([
  "/",
  "/bin",
  "/boot",
  "/dev",
  "/etc",
  "/home",
  "/lib",
  "/lib32",
  "/lib64",
  "/libx32",
  "/media",
  "/mnt",
  "/opt",
  "/proc",
  "/root",
  "/run",
  "/sbin",
  "/srv",
  "/sys",
  "/tmp",
  "/usr",
  "/usr/bin",
  "/usr/lib",
  "/usr/lib64",
  "/usr/local",
  "/usr/sbin",
  "/usr/share",
  "/var",
  "/var/lib",
  "/var/tmp"
]);
function checkSewHome(realHome, realUserHome, shown) {
  const reason = realHome === "/" ? "the root directory" : realHome === realUserHome ? "your home directory itself" : SYSTEM_DIRS.has(realHome) ? "a system directory" : void 0;
  if (reason !== void 0) throw new InputError("$SEW_HOME", `${shown} is ${reason}; sew-ci owns and purges its home, so give it a directory of its own (such as ~/.sew)`);
}

// src/core/images/reference.ts
var DOCKER_HUB = "docker.io";
var LEGACY_HUB = "index.docker.io";
var PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
var TAG = /^[\w][\w.-]{0,127}$/;
var SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
var DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
var MAX_NAME = 255;
var ImageReferenceError = class extends Error {
  name = "ImageReferenceError";
};
function parseReference(input) {
  const raw = input.trim();
  if (raw === "") throw new ImageReferenceError("empty image reference");
  if (/\s/.test(raw)) throw new ImageReferenceError(`invalid image reference "${input}": contains whitespace`);
  let rest = raw;
  let digest;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest) || digest.startsWith("sha256:") && !SHA256_DIGEST.test(digest)) {
      throw new ImageReferenceError(`invalid image reference "${input}": bad digest "${digest}"`);
    }
  }
  let tag;
  const lastColon = rest.lastIndexOf(":");
  if (lastColon > rest.lastIndexOf("/")) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new ImageReferenceError(`invalid image reference "${input}": bad tag "${tag}"`);
  }
  let host = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf("/");
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    if (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase()) {
      host = first;
      path = rest.slice(slash + 1);
    }
  }
  if (!isRegistryHost(host)) throw new ImageReferenceError(`invalid image reference "${input}": bad registry host "${host}"`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new ImageReferenceError(`invalid image reference "${input}": ${portProblem}`);
  host = host.toLowerCase();
  if (host === LEGACY_HUB) host = DOCKER_HUB;
  if (path === "") throw new ImageReferenceError(`invalid image reference "${input}": missing repository`);
  for (const component of path.split("/")) {
    if (!PATH_COMPONENT.test(component)) {
      const why = component !== component.toLowerCase() ? "repository must be lowercase" : `bad path component "${component}"`;
      throw new ImageReferenceError(`invalid image reference "${input}": ${why}`);
    }
  }
  if (host === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  if (`${host}/${path}`.length > MAX_NAME) {
    throw new ImageReferenceError(`invalid image reference "${input}": name longer than ${MAX_NAME} characters`);
  }
  if (tag === void 0 && digest === void 0) tag = "latest";
  return { host, repository: path, ...tag !== void 0 && { tag }, ...digest !== void 0 && { digest } };
}
function formatReference(ref) {
  return `${ref.host}/${ref.repository}${ref.tag !== void 0 ? `:${ref.tag}` : ""}${ref.digest !== void 0 ? `@${ref.digest}` : ""}`;
}
function normaliseReference(input) {
  return formatReference(parseReference(input));
}
function referenceAt(where, read) {
  try {
    return read();
  } catch (err) {
    if (err instanceof ImageReferenceError) throw new InputError(where, err.message);
    throw err;
  }
}
function normaliseAt(input, where) {
  return referenceAt(where, () => normaliseReference(input));
}
function hostNamespace(host) {
  return host.replace(/:/g, "_");
}
function preloadRepository(ref) {
  return `${hostNamespace(ref.host)}/${ref.repository}`;
}

export {
  CLUSTER_NAME_RULE,
  FLAG_NAME_RULE,
  isClusterName,
  isFlagName,
  checkClusterName,
  checkFlagName,
  isRegistryHost,
  hostPortProblem,
  isPort,
  checkSewHome,
  DOCKER_HUB,
  TAG,
  SHA256_DIGEST,
  ImageReferenceError,
  parseReference,
  formatReference,
  normaliseReference,
  referenceAt,
  normaliseAt,
  hostNamespace,
  preloadRepository
};
