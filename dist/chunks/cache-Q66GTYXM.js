import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cliName
} from "./chunk-QH2WSXJT.js";
import {
  planFacts,
  sourceReader
} from "./chunk-34UAOX5J.js";
import {
  contentFingerprint,
  restoreKeys,
  saveKey
} from "./chunk-VGS5JAH5.js";
import {
  separateKey
} from "./chunk-O6YE2B7E.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import {
  writeFileAtomic
} from "./chunk-TCWCERWE.js";
import {
  resolvePlan
} from "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import {
  hostPlatformName
} from "./chunk-EBQAAFSX.js";
import {
  refuseNonRegular
} from "./chunk-ZXMGIANR.js";
import {
  userPath
} from "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/cache.ts
import { open, stat } from "node:fs/promises";
import { dirname } from "node:path";
async function cacheKeyCommand({ parsed, io, planOptions }) {
  const v = parsed.values;
  if (v.write !== void 0 && v.check !== void 0) throw new InputError("--check", "cannot be combined with --write");
  const keyFile = v.write ?? v.check;
  if (v.write !== void 0 && v.platform === void 0) {
    throw new InputError("--write", "needs --platform (the CI runners', e.g. linux/amd64): a key file written here must match the one CI computes");
  }
  const keyFilePath = keyFile === void 0 ? void 0 : userPath(keyFile, io.cwd, io.env);
  if (v.write !== void 0 && !await stat(dirname(keyFilePath)).then((s) => s.isDirectory(), () => false)) {
    throw new InputError("--write", `${dirname(v.write)} is not a directory`);
  }
  const platform = v.platform ?? hostPlatformName();
  const options = { ...planOptions, platform, ...keyFile !== void 0 && { userConfig: false } };
  const plan = await resolvePlan(options, sourceReader(options), planFacts);
  const prefix = v["cache-key-prefix"] ?? "";
  const nodeImage = v.entry === "node-image";
  const separate = nodeImage ? nodeImageEntry(plan) : void 0;
  const keys = nodeImage ? { primary: separate ? separateKey(prefix, separate) : "", restoreKeys: [] } : restoreKeys(prefix, plan.cacheKey);
  const paths = nodeImage ? separate?.paths ?? [] : plan.cachePaths;
  const key = v.content && !nodeImage ? saveKey(prefix, plan.cacheKey, await contentFingerprint(paths)) : keys.primary;
  if (v.check !== void 0) {
    await refuseNonRegular(keyFilePath, "--check");
    const written = (await readHead(keyFilePath, 4096).catch(() => "")).trim();
    if (written !== key) {
      const fix = ["sew-ci", "cache-key", ...replayedOptions(parsed, ["check", "json", "platform"]), "--platform", platform, "--write", v.check].map(shellWord).join(" ");
      io.err(`sew-ci: ${v.check} ${written ? "holds a different key" : "is missing or empty"}; the plan's key for ${platform} is "${key}": run '${fix}' and commit it
`);
      return 1;
    }
  }
  if (keyFilePath !== void 0 && v.write !== void 0) await writeFileAtomic(keyFilePath, `${key}
`);
  io.out(v.json ? `${JSON.stringify({ key, restoreKeys: keys.restoreKeys, paths }, null, 2)}
` : [key, ...keys.restoreKeys].filter(Boolean).map((k) => `${k}
`).join(""));
  return 0;
}
function nodeImageEntry(plan) {
  return plan.separateCaches.find((e) => e.name === "node-image");
}
async function cachePathsCommand({ parsed, io, planOptions }) {
  const plan = await resolvePlan(planOptions, sourceReader(planOptions), planFacts);
  const paths = parsed.values.entry === "node-image" ? nodeImageEntry(plan)?.paths ?? [] : plan.cachePaths;
  io.out(parsed.values.json ? `${JSON.stringify(paths)}
` : paths.map((p) => `${p}
`).join(""));
  return 0;
}
async function readHead(path, bytes) {
  const file = await open(path, "r");
  try {
    const { buffer, bytesRead } = await file.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await file.close();
  }
}
function replayedOptions(parsed, leave) {
  const args = [];
  for (const [name, value] of Object.entries(parsed.raw)) {
    if (leave.includes(name)) continue;
    if (typeof value === "boolean") args.push(`--${cliName(name)}`);
    else for (const one of value) args.push(`--${cliName(name)}`, one);
  }
  return [...args, ...parsed.contextFlags.map((f) => `--${f}`)];
}
function shellWord(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
export {
  cacheKeyCommand,
  cachePathsCommand
};
