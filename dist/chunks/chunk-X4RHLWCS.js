import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  HOME_LABEL,
  MANAGED_LABEL
} from "./chunk-SV7II3PP.js";

// src/core/containers/stop.ts
async function homeContainers(docker, home, options = {}) {
  return docker.listContainers({ all: options.all ?? false, filters: { label: [`${MANAGED_LABEL}=true`, `${HOME_LABEL}=${home}`] } });
}
async function stopRegistries(docker, home, only) {
  const running = (await homeContainers(docker, home)).filter((c) => only === void 0 || c.Names.some((n) => only.includes(n.replace(/^\//, ""))));
  await Promise.all(running.map((c) => docker.getContainer(c.Id).stop({ t: 10 }).catch(() => void 0)));
  return running.map((c) => c.Names[0]?.replace(/^\//, "") ?? c.Id);
}

export {
  homeContainers,
  stopRegistries
};
