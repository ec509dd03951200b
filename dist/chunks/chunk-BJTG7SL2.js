import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

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

// src/core/home/names.ts
import { createHash as createHash2 } from "node:crypto";
var REGISTRY_PORT = 5e3;
var KIND_NETWORK = "kind";
var DEFAULT_LOCAL_PORT = 5050;
var LOCAL_PORT_BASE = 2e4;
var LOCAL_PORT_SPAN = 1e4;
function preloadContainerName(home) {
  return `sew-preload${homeSuffix(home)}`;
}
function localContainerName(home) {
  return `sew-local${homeSuffix(home)}`;
}
function mirrorContainerName(host, home) {
  const sanitised = host.replace(/[.:]/g, "-");
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

// src/core/oci/origin-policy.ts
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

export {
  formatBytes,
  displayUrl,
  maskUrls,
  expandHome,
  userPath,
  sewHome,
  hostPlatform,
  temporaryPath,
  writeFileAtomic,
  carriesCredentials,
  redirectRefusal,
  realmRefusal,
  homeIdentity,
  realPath,
  REGISTRY_PORT,
  KIND_NETWORK,
  preloadContainerName,
  localContainerName,
  mirrorContainerName,
  localRegistryPort
};
