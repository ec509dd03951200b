import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  cachedToolProblem,
  checksumFile,
  planTools,
  separateKey,
  sha256File
} from "./chunk-O6YE2B7E.js";
import {
  withHomeLock
} from "./chunk-4FQTKZIH.js";
import {
  sewHome
} from "./chunk-Z7SXRXQX.js";
import {
  RuntimeError,
  describeError
} from "./chunk-G6VKCFWK.js";

// src/core/install-tools.ts
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
async function installTools(options, deps) {
  const home = sewHome(options.env, options.cwd, options.sewHome);
  const planned = planTools(options.tools, home, options.env);
  return withHomeLock(home, deps.reporter, async () => {
    const tools = [];
    const separate = [];
    for (const tool of planned) {
      const entry = { name: "tool", key: tool.cacheKey, paths: [tool.dir], tool: { binary: tool.binary } };
      const restored = options.cache ? await restore(options.cache, entry, deps.reporter) : false;
      separate.push({ ...entry, restored });
      tools.push(await install(tool, deps));
    }
    return { tools, bytesFetched: tools.reduce((sum, t) => sum + t.bytesFetched, 0), separate };
  });
}
async function restore(cache, entry, reporter) {
  const key = separateKey(cache.prefix, entry);
  try {
    return await cache.store.restore(entry.paths, key, []) === key;
  } catch (err) {
    reporter.warn(`${key} not restored: ${describeError(err)}; downloading instead`);
    return false;
  }
}
async function install(tool, { downloads, reporter }) {
  const problem = await cachedToolProblem(tool.binary);
  const described = { name: tool.name, version: tool.version, binary: tool.binary, dir: tool.dir };
  if (problem === void 0) {
    reporter.info(`${tool.name} ${tool.version} from ${tool.dir}`);
    return { ...described, source: "cached", bytesFetched: 0, sha256: await sha256File(tool.binary) };
  }
  if (problem === "sha256 mismatch") reporter.warn(`${tool.binary}: its sha256 no longer matches the one it was checked against; refused, downloading ${tool.name} ${tool.version} again`);
  const expected = (await downloads.text(tool.checksumUrl)).trim().split(/\s+/)[0] ?? "";
  if (!/^[a-f0-9]{64}$/.test(expected)) throw new RuntimeError(`${tool.name} ${tool.version}: ${tool.checksumUrl} holds no sha256`);
  await mkdir(tool.dir, { recursive: true });
  const partial = `${tool.binary}.partial`;
  try {
    const bytes = await downloads.file(tool.url, partial);
    const actual = await sha256File(partial);
    if (actual !== expected) throw new RuntimeError(`${tool.name} ${tool.version}: checksum mismatch (published ${expected}, downloaded ${actual}); refused`);
    await writeFile(checksumFile(tool.binary), `${actual}
`);
    await rename(partial, tool.binary);
    reporter.info(`${tool.name} ${tool.version} downloaded into ${tool.dir} (sha256 ${actual})`);
    return { ...described, source: "downloaded", bytesFetched: bytes, sha256: actual };
  } finally {
    await rm(partial, { force: true });
  }
}

export {
  installTools
};
