import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  PreloadStore
} from "./chunk-PCMPPVJS.js";
import {
  parsePlatform
} from "./chunk-EBQAAFSX.js";
import {
  parseReference,
  preloadRepository
} from "./chunk-Z6TURJHQ.js";
import {
  RuntimeError
} from "./chunk-G6VKCFWK.js";

// src/core/cache/separate.ts
import { basename } from "node:path";

// src/core/tools/cached.ts
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";

// src/core/tools/plan.ts
import { join } from "node:path";
var DOWNLOADS = {
  kind: { env: "SEW_KIND_DOWNLOAD_URL", base: "https://github.com/kubernetes-sigs/kind/releases/download", path: (v, a) => `${v}/kind-linux-${a}`, checksum: ".sha256sum" },
  kubectl: { env: "SEW_KUBECTL_DOWNLOAD_URL", base: "https://dl.k8s.io/release", path: (v, a) => `${v}/bin/linux/${a}/kubectl`, checksum: ".sha256" }
};
var ARCH = { x64: "amd64", arm64: "arm64" };
var TOOLS_FORMAT = 1;
function planTools(requests, home, env, platform = { os: process.platform, arch: process.arch }) {
  return requests.map(({ name, version }) => {
    const arch = ARCH[platform.arch];
    if (platform.os !== "linux" || arch === void 0) throw new RuntimeError(`${name} ${version}: no release for ${platform.os}/${platform.arch}`);
    const download = DOWNLOADS[name];
    const url = `${(env[download.env] || download.base).replace(/\/+$/, "")}/${download.path(version, arch)}`;
    const dir = join(home, "tools", name, version, arch);
    return { name, version, arch, dir, binary: join(dir, name), url, checksumUrl: `${url}${download.checksum}`, cacheKey: `sew-tool-v${TOOLS_FORMAT}-${name}-${version}-${arch}` };
  });
}
function checksumFile(binary) {
  return `${binary}.sha256`;
}

// src/core/tools/cached.ts
async function sha256File(path) {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk);
  return hash.digest("hex");
}
async function cachedToolProblem(binary) {
  const recorded = (await readFile(checksumFile(binary), "utf8").catch(() => void 0))?.trim();
  const actual = await sha256File(binary).catch(() => void 0);
  if (recorded === void 0 || actual === void 0) return "absent";
  return actual === recorded ? void 0 : "sha256 mismatch";
}

// src/core/cache/separate.ts
function separateKey(prefix, entry) {
  return `${prefix}${entry.key}`;
}
function separateLabel(entry) {
  return entry.name === "node-image" ? "Kind node image" : `${basename(entry.tool.binary)} binary`;
}
async function separateWhole(entry) {
  if (entry.name === "tool") return await cachedToolProblem(entry.tool.binary) === void 0;
  const ref = parseReference(entry.image.ref);
  const root = entry.paths[0];
  if (ref.digest === void 0 || root === void 0) return false;
  return await new PreloadStore(root).platformImage(preloadRepository(ref), ref.digest, parsePlatform(entry.image.platform)) !== void 0;
}

export {
  planTools,
  checksumFile,
  sha256File,
  cachedToolProblem,
  separateKey,
  separateLabel,
  separateWhole
};
