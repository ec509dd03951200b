// What each declared build will run, with its paths resolved: pure, part of the plan.
// Builds come only from the user's own files (the project sew.yaml and $SEW_HOME/sew.yaml):
// as in sew, a context's or a flag's `builds` are ignored (config/merge.ts).
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DeclaredBuild } from '../config/merge-builds.js';
import { expandVariables } from '../config/expand.js';
import { InputError } from '../errors.js';
import { dockerBuildCommand } from './docker-build.js';
import { expandHome } from '../paths.js';
import { normaliseReference, parseReference, referenceAt } from '../images/reference.js';

export interface BuildPlan {
  readonly name: string;
  /** The image, normalised: what the preload list drops and the nodes pull. */
  readonly image: string;
  /** file:line:col of the entry. */
  readonly where: string;
  /** Absolute paths. */
  readonly paths: {
    readonly dir: string;
    readonly context: string;
    readonly dockerfile: string;
    /** False when `dockerfile` is not written: a missing default Dockerfile makes a pre-only build. */
    readonly dockerfileWritten: boolean;
  };
  readonly pre: readonly string[];
  /** As written; `${VAR}` is expanded only when the build runs, so values never sit in the plan. */
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly platform?: string;
}

export function planBuilds(declared: readonly DeclaredBuild[], env: NodeJS.ProcessEnv): BuildPlan[] {
  return declared.map((build) => {
    const { value } = build;
    const common = {
      name: value.name,
      image: buildImage(value.image, build.whereField('image')),
      where: build.where,
      pre: value.pre ?? [],
      buildArgs: value.buildArgs ?? {},
      ...(value.platform !== undefined && { platform: value.platform }),
    };
    const path = (field: 'dir' | 'context' | 'dockerfile', base: string) => {
      const text = expandVariables(value[field] ?? '.', env, build.whereField(field), { bare: true });
      return resolve(base, expandHome(text, env));
    };
    const dir = path('dir', fileURLToPath(build.dir));
    const context = path('context', dir);
    const dockerfile = value.dockerfile !== undefined ? path('dockerfile', dir) : join(context, 'Dockerfile');
    return { ...common, paths: { dir, context, dockerfile, dockerfileWritten: value.dockerfile !== undefined } };
  });
}

/** A build makes a tag: a digest cannot be built. */
function buildImage(image: string, where: string): string {
  return referenceAt(where, () => {
    if (parseReference(image).digest !== undefined) throw new InputError(where, `"${image}" names a digest; a build produces a tag`);
    return normaliseReference(image);
  });
}

/** The builds to run: all of them in the order declared, or those named, in the order named. */
export function selectBuilds(builds: readonly BuildPlan[], names: readonly string[], where: string): BuildPlan[] {
  if (builds.length === 0) throw new InputError(where, 'no builds are declared: add a `builds` section to sew.yaml');
  for (const name of names) {
    if (!builds.some((b) => b.name === name)) throw new InputError(where, `unknown build "${name}"; available: ${builds.map((b) => b.name).join(', ')}`);
  }
  return names.length === 0 ? [...builds] : [...new Set(names)].map((name) => builds.find((b) => b.name === name)!);
}

export function buildLogDir(sewHome: string): string {
  return join(sewHome, 'logs', 'build');
}

/**
 * The builds, once their input is known good: every dir there, every build argument
 * expandable. Bad input is refused before anything starts, not after other builds ran.
 */
export async function readyToRun(builds: readonly BuildPlan[], env: NodeJS.ProcessEnv): Promise<BuildPlan[]> {
  for (const build of builds) {
    const { paths } = build;
    if (!(await isDirectory(paths.dir))) throw new InputError(build.where, `build "${build.name}": dir ${paths.dir} is not a directory`);
    // Expands the build arguments: an unset variable is refused here.
    dockerBuildCommand(build, paths, '', env);
  }
  return [...builds];
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}
