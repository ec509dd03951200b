import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  HOME_LABEL,
  MANAGED_LABEL
} from "./chunk-KY37JJFN.js";

// src/core/containers/stop.ts
function homeContainers(engine, home, options = {}) {
  return engine.list({ [MANAGED_LABEL]: "true", [HOME_LABEL]: home }, options);
}
async function stopRegistries(engine, home, only) {
  const running = (await homeContainers(engine, home)).filter((c) => only === void 0 || only.includes(c.name));
  await Promise.all(running.map((c) => engine.stop(c.name).catch(() => void 0)));
  return running.map((c) => c.name);
}

export {
  homeContainers,
  stopRegistries
};
