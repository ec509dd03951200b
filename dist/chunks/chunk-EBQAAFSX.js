import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  InputError
} from "./chunk-G6VKCFWK.js";

// src/core/oci/platform.ts
var ARCH_ALIASES = {
  x86_64: "amd64",
  "x86-64": "amd64",
  aarch64: "arm64",
  i386: "386",
  armhf: "arm",
  armel: "arm"
};
function normalisePlatform(platform) {
  const os = platform.os.toLowerCase();
  const raw = platform.architecture.toLowerCase();
  const architecture = ARCH_ALIASES[raw] ?? raw;
  let variant = platform.variant?.toLowerCase() || void 0;
  if (raw === "armhf") variant ??= "v7";
  if (raw === "armel") variant ??= "v6";
  if (architecture === "arm64" && variant === "v8") variant = void 0;
  if (architecture === "amd64" && variant === "v1") variant = void 0;
  if (architecture === "arm") variant ??= "v7";
  return { os, architecture, ...variant !== void 0 && { variant } };
}
var OPERATING_SYSTEMS = ["aix", "android", "darwin", "dragonfly", "freebsd", "illumos", "ios", "js", "linux", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows"];
var ARCHITECTURES = ["386", "amd64", "arm", "arm64", "loong64", "mips", "mipsle", "mips64", "mips64le", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"];
function platformProblem(text) {
  const parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === "")) return `"${text}" is not os/architecture[/variant]`;
  const { os, architecture } = normalisePlatform({ os: parts[0], architecture: parts[1] });
  if (!OPERATING_SYSTEMS.includes(os)) return `"${text}": unknown operating system ${os} (known: ${OPERATING_SYSTEMS.join(", ")})`;
  if (!ARCHITECTURES.includes(architecture)) return `"${text}": unknown architecture ${parts[1]} (known: ${ARCHITECTURES.join(", ")})`;
  return void 0;
}
function parsePlatform(text) {
  const problem = platformProblem(text);
  if (problem !== void 0) throw new InputError("platforms", problem);
  const [os, architecture, variant] = text.trim().split("/");
  return normalisePlatform({ os, architecture, ...variant !== void 0 && { variant } });
}
function formatPlatform(platform) {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== void 0).join("/");
}
var NODE_ARCHITECTURES = {
  x64: "amd64",
  ia32: "386",
  arm64: "arm64",
  arm: "arm",
  ppc64: "ppc64le",
  s390x: "s390x",
  riscv64: "riscv64",
  loong64: "loong64",
  mips: "mips",
  mipsel: "mipsle",
  mips64el: "mips64le"
};
function hostPlatform(arch = process.arch, armVersion = process.config.variables["arm_version"]) {
  const architecture = NODE_ARCHITECTURES[arch] ?? arch;
  if (architecture !== "arm") return { os: "linux", architecture };
  const version = typeof armVersion === "string" || typeof armVersion === "number" ? String(armVersion) : "7";
  return { os: "linux", architecture, variant: `v${version}` };
}
function hostPlatformName() {
  return formatPlatform(hostPlatform());
}
function selectPlatform(entries, wanted) {
  const target = normalisePlatform(wanted);
  for (const variant of acceptableVariants(target)) {
    const found = entries.find((entry) => {
      if (entry.platform === void 0) return false;
      const candidate = normalisePlatform(entry.platform);
      return candidate.os === target.os && candidate.architecture === target.architecture && candidate.variant === variant;
    });
    if (found !== void 0) return found;
  }
  return void 0;
}
function acceptableVariants(platform) {
  if (platform.architecture !== "arm") return [platform.variant];
  const level = Number(platform.variant?.slice(1) ?? 7);
  const variants = [];
  for (let v = level; v >= 5; v--) variants.push(`v${v}`);
  return variants;
}

export {
  platformProblem,
  parsePlatform,
  formatPlatform,
  hostPlatform,
  hostPlatformName,
  selectPlatform
};
