import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  importFromDaemon
} from "./chunk-5H6HYQPU.js";
import {
  PreloadStore
} from "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import {
  dockerBuildCommand
} from "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import {
  parseReference,
  preloadRepository
} from "./chunk-Z6TURJHQ.js";
import {
  InputError,
  RuntimeError
} from "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/core/adapters/build-runner.ts
import { createWriteStream } from "node:fs";
import { mkdir, mkdtemp, open, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
var TAIL_LINES = 20;
var TAIL_BYTES = 16 * 1024;
async function runBuilds(builds, target, options, deps) {
  await mkdir(options.logDir, { recursive: true });
  const store = new PreloadStore(target.root);
  return deps.reporter.phase("Builds", async () => {
    deps.reporter.info(`logs in ${options.logDir}`);
    const reports = [];
    for (const build of builds) reports.push(await runOne(build, store, options, deps));
    return reports;
  });
}
async function runOne(build, store, options, deps) {
  const { paths } = build;
  const started = performance.now();
  const logPath = join(options.logDir, `${build.name}.log`);
  const log = createWriteStream(logPath);
  const write = (text) => void log.write(text);
  let failed = false;
  try {
    if (!options.skipPre) {
      for (const command of build.pre) {
        write(`$ ${command}
`);
        const { code } = await deps.exec.run("sh", ["-c", command], { cwd: paths.dir, env: options.env, onOutput: write, collect: false });
        if (code !== 0) throw new BuildFailure(`pre command "${command}" exited with ${code}`);
      }
    }
    const how = await exists(paths.dockerfile) ? "docker build" : "pre";
    if (how === "pre" && paths.dockerfileWritten) throw new InputError(build.where, `build "${build.name}": dockerfile ${paths.dockerfile} does not exist`);
    if (how === "pre" && build.pre.length === 0) {
      throw new InputError(build.where, `build "${build.name}": nothing to build, no pre commands and no ${paths.dockerfile}`);
    }
    const imageId = how === "docker build" ? await dockerBuild(build, paths, options.env, deps.exec, write) : await deps.localImages.imageId(build.image);
    if (imageId === void 0) throw new BuildFailure(`the pre commands left no image ${build.image} in the Docker daemon (and there is no ${paths.dockerfile})`);
    write(`
writing ${build.image} (${imageId}) into the preload registry
`);
    const ref = parseReference(build.image);
    const written = await importFromDaemon(deps.localImages, store, imageId, preloadRepository(ref), ref.tag);
    if (written === void 0) throw new BuildFailure(`image ${imageId} left the Docker daemon before it was written`);
    write(`${written.unchanged ? "already there" : "written"}: ${written.digest}
`);
    const ms = Math.round(performance.now() - started);
    deps.reporter.info(`${build.name}  ${build.image}  ${how}, ${written.unchanged ? "unchanged" : "written"} ${written.digest.slice(0, 19)}  ${(ms / 1e3).toFixed(1)} s`);
    return { name: build.name, image: build.image, digest: written.digest, bytesCopied: written.bytesCopied, how, log: logPath, ms };
  } catch (err) {
    if (!(err instanceof BuildFailure)) throw err;
    failed = true;
    write(`
failed: ${err.message}
`);
    throw new RuntimeError(`build "${build.name}" failed: ${err.message}; log: ${logPath}`);
  } finally {
    await close(log);
    if (failed) {
      deps.reporter.info(`${build.name}  ${build.image}  FAILED; last lines of ${logPath}:`);
      for (const line of await tail(logPath)) deps.reporter.info(`  | ${line}`);
    }
  }
}
var BuildFailure = class extends Error {
};
async function dockerBuild(build, paths, env, exec, write) {
  const scratch = await mkdtemp(join(tmpdir(), "sew-build-"));
  try {
    const iidFile = join(scratch, "iid");
    const command = dockerBuildCommand(build, paths, iidFile, env);
    write(`$ docker ${command.args.join(" ")}
`);
    const { code } = await exec.run("docker", command.args, { env: command.env, onOutput: write, collect: false });
    if (code !== 0) throw new BuildFailure(`docker build exited with ${code}`);
    return (await readFile(iidFile, "utf8")).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
async function tail(path) {
  const file = await open(path, "r");
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.toString("utf8").split(/\r?\n|\r/).filter((line) => line.trim() !== "").slice(-TAIL_LINES);
  } finally {
    await file.close();
  }
}
function close(stream) {
  return new Promise((resolve) => stream.end(resolve));
}
async function exists(path) {
  return stat(path).then(() => true, () => false);
}
export {
  runBuilds
};
