import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  expandVariables
} from "./chunk-CUUT63CT.js";

// src/core/build/docker-build.ts
function dockerBuildCommand(build, paths, iidFile, env) {
  const buildArgs = Object.entries(build.buildArgs).map(([name, value]) => [name, expandVariables(value, env, `${build.where}: buildArgs.${name}`)]);
  return {
    args: [
      "build",
      "--tag",
      build.image,
      "--iidfile",
      iidFile,
      "--file",
      paths.dockerfile,
      ...buildArgs.flatMap(([name]) => ["--build-arg", name]),
      ...build.platform !== void 0 ? ["--platform", build.platform] : [],
      paths.context
    ],
    env: { ...env, ...Object.fromEntries(buildArgs) }
  };
}

export {
  dockerBuildCommand
};
