import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

// src/core/fs/atomic.ts
import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
function temporaryPath(dir, path) {
  return join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
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

export {
  temporaryPath,
  writeFileAtomic
};
