import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  verifyPlanPreload
} from "./chunk-R4LOOREG.js";
import {
  table
} from "./chunk-35P75Y3R.js";
import "./chunk-VL7MRU25.js";
import "./chunk-XPP4COXA.js";
import {
  resolvePlan
} from "./chunk-OCTRT3Z3.js";
import "./chunk-WYO2O326.js";
import "./chunk-KRPSGNHQ.js";
import {
  planOptionsOf
} from "./chunk-UQZYXPOC.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-Z6K67HG4.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/verify.ts
async function verifyCommand(parsed, io) {
  const plan = await resolvePlan(planOptionsOf(parsed.values, io.cwd, io.env, parsed.contextFlags));
  const checks = await verifyPlanPreload(plan);
  if (parsed.values.json) io.out(`${JSON.stringify(checks, null, 2)}
`);
  else {
    io.out(table([["IMAGE", "STATUS", "DETAIL"], ...checks.map((c) => [c.ref, c.ok ? "ok" : "FAILED", c.problem ?? c.digest ?? ""])]));
    const bad = checks.filter((c) => !c.ok).length;
    io.out(`${checks.length - bad} of ${checks.length} image(s) complete in ${plan.preload.data}
`);
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}
export {
  verifyCommand
};
