import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  blobDataPath,
  registryRoots,
  storedBlobs
} from "./chunk-ZFLQE3JO.js";

// src/core/cache/content.ts
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";
async function contentFingerprint(paths) {
  const hash = createHash("sha256");
  for (const [i, path] of paths.entries()) {
    hash.update(`${i}
`);
    const digests = (await Promise.all((await registryRoots(path)).map(storedBlobs))).flat();
    for (const digest of digests.sort()) hash.update(`${digest}
`);
  }
  return hash.digest("hex").slice(0, 16);
}
async function storedBytes(path) {
  let total = 0;
  for (const root of await registryRoots(path)) {
    for (const digest of await storedBlobs(root)) total += (await stat(blobDataPath(root, digest)).catch(() => void 0))?.size ?? 0;
  }
  return total;
}
function restoreKeys(prefix, cacheKey) {
  return { primary: `${prefix}${cacheKey}`, restoreKeys: [`${prefix}${cacheKey}-`, `${prefix}${cacheKey.replace(/[0-9a-f]+$/, "")}`] };
}
function saveKey(prefix, cacheKey, fingerprint) {
  return `${prefix}${cacheKey}-${fingerprint}`;
}

export {
  contentFingerprint,
  storedBytes,
  restoreKeys,
  saveKey
};
