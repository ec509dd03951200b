// Runs builds one after another: `pre` commands in `dir`, `docker build` (or nothing more when
// there is no Dockerfile and the pre commands made the image), then writes the image from the
// Docker daemon into the preload registry's storage under its own name. Output goes to one log file
// per build; the person running it sees one line per build, and the log's tail on failure.
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, RuntimeError } from '../errors.js';
import type { Exec } from '../exec/exec.js';
import { parseReference, preloadRepository } from '../images/reference.js';
import { importFromDaemon } from '../daemon/daemon-import.js';
import type { LocalImages } from '../daemon/local-images.js';
import { PreloadStore } from '../storage/preload-store.js';
import type { BuildReport } from '../ports/builder.js';
import type { Reporter } from '../ports/reporter.js';
import { dockerBuildCommand } from '../build/docker-build.js';
import type { BuildPlan } from '../build/plan.js';

export interface BuildRunOptions {
  readonly env: NodeJS.ProcessEnv;
  readonly logDir: string;
  readonly skipPre?: boolean;
}

export interface BuildRunDeps {
  readonly exec: Exec;
  readonly localImages: LocalImages;
  readonly reporter: Reporter;
}

const TAIL_LINES = 20;
const TAIL_BYTES = 16 * 1024;

/** Runs `builds`, as `readyToRun` (build/plan.ts) returned them. */
export async function runBuilds(builds: readonly BuildPlan[], target: { root: string }, options: BuildRunOptions, deps: BuildRunDeps): Promise<BuildReport[]> {
  await mkdir(options.logDir, { recursive: true });
  const store = new PreloadStore(target.root);
  return deps.reporter.phase('Builds', async () => {
    deps.reporter.info(`logs in ${options.logDir}`);
    const reports: BuildReport[] = [];
    for (const build of builds) reports.push(await runOne(build, store, options, deps));
    return reports;
  });
}

async function runOne(build: BuildPlan, store: PreloadStore, options: BuildRunOptions, deps: BuildRunDeps): Promise<BuildReport> {
  const { paths } = build;
  const started = performance.now();
  const logPath = join(options.logDir, `${build.name}.log`);
  const log = createWriteStream(logPath);
  const write = (text: string) => void log.write(text);
  let failed = false;
  try {
    if (!options.skipPre) {
      for (const command of build.pre) {
        write(`$ ${command}\n`);
        const { code } = await deps.exec.run('sh', ['-c', command], { cwd: paths.dir, env: options.env, onOutput: write, collect: false });
        if (code !== 0) throw new BuildFailure(`pre command "${command}" exited with ${code}`);
      }
    }
    const how = (await exists(paths.dockerfile)) ? 'docker build' : 'pre';
    if (how === 'pre' && paths.dockerfileWritten) throw new InputError(build.where, `build "${build.name}": dockerfile ${paths.dockerfile} does not exist`);
    if (how === 'pre' && build.pre.length === 0) {
      throw new InputError(build.where, `build "${build.name}": nothing to build, no pre commands and no ${paths.dockerfile}`);
    }
    const imageId = how === 'docker build' ? await dockerBuild(build, paths, options.env, deps.exec, write) : await deps.localImages.imageId(build.image);
    if (imageId === undefined) throw new BuildFailure(`the pre commands left no image ${build.image} in the Docker daemon (and there is no ${paths.dockerfile})`);

    write(`\nwriting ${build.image} (${imageId}) into the preload registry\n`);
    const ref = parseReference(build.image);
    const written = await importFromDaemon(deps.localImages, store, imageId, preloadRepository(ref), ref.tag!);
    if (written === undefined) throw new BuildFailure(`image ${imageId} left the Docker daemon before it was written`);
    write(`${written.unchanged ? 'already there' : 'written'}: ${written.digest}\n`);
    const ms = Math.round(performance.now() - started);
    deps.reporter.info(`${build.name}  ${build.image}  ${how}, ${written.unchanged ? 'unchanged' : 'written'} ${written.digest.slice(0, 19)}  ${(ms / 1000).toFixed(1)} s`);
    return { name: build.name, image: build.image, digest: written.digest, bytesCopied: written.bytesCopied, how, log: logPath, ms };
  } catch (err) {
    if (!(err instanceof BuildFailure)) throw err;
    failed = true;
    write(`\nfailed: ${err.message}\n`);
    throw new RuntimeError(`build "${build.name}" failed: ${err.message}; log: ${logPath}`);
  } finally {
    await close(log);
    if (failed) {
      deps.reporter.info(`${build.name}  ${build.image}  FAILED; last lines of ${logPath}:`);
      for (const line of await tail(logPath)) deps.reporter.info(`  | ${line}`);
    }
  }
}

/** A step of the build itself failed: its log says why. Only this module catches it, to point at the log. */
class BuildFailure extends Error {}

async function dockerBuild(build: BuildPlan, paths: NonNullable<BuildPlan['paths']>, env: NodeJS.ProcessEnv, exec: Exec, write: (text: string) => void): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'sew-build-'));
  try {
    const iidFile = join(scratch, 'iid');
    const command = dockerBuildCommand(build, paths, iidFile, env);
    write(`$ docker ${command.args.join(' ')}\n`);
    const { code } = await exec.run('docker', command.args, { env: command.env, onOutput: write, collect: false });
    if (code !== 0) throw new BuildFailure(`docker build exited with ${code}`);
    // The ID of what this very build produced: the tag may be moved by another job meanwhile.
    return (await readFile(iidFile, 'utf8')).trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function tail(path: string): Promise<string[]> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const length = Math.min(size, TAIL_BYTES);
    const { buffer } = await file.read(Buffer.alloc(length), 0, length, size - length);
    return buffer.toString('utf8').split(/\r?\n|\r/).filter((line) => line.trim() !== '').slice(-TAIL_LINES);
  } finally {
    await file.close();
  }
}

function close(stream: WriteStream): Promise<void> {
  return new Promise((resolve) => stream.end(resolve));
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

