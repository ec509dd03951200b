// The `docker build` command line of one build. Build arguments go by name only
// (`--build-arg NAME`, value in the child's environment) so a token passed as a build
// argument never appears in a process listing or a log.
import { expandVariables } from '../config/expand.js';

export interface DockerBuildCommand {
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
}

/** What of a planned build its command line reads. */
export interface DockerBuildInput {
  readonly image: string;
  /** Where the build was declared, for messages. */
  readonly where: string;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly platform?: string;
}

export function dockerBuildCommand(build: DockerBuildInput, paths: { readonly dockerfile: string; readonly context: string }, iidFile: string, env: NodeJS.ProcessEnv): DockerBuildCommand {
  const buildArgs = Object.entries(build.buildArgs).map(([name, value]) => [name, expandVariables(value, env, `${build.where}: buildArgs.${name}`)] as const);
  return {
    args: [
      'build',
      '--tag', build.image,
      '--iidfile', iidFile,
      '--file', paths.dockerfile,
      ...buildArgs.flatMap(([name]) => ['--build-arg', name]),
      ...(build.platform !== undefined ? ['--platform', build.platform] : []),
      paths.context,
    ],
    env: { ...env, ...Object.fromEntries(buildArgs) },
  };
}
