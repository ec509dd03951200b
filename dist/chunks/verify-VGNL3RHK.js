import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  verifyPlanPreload
} from "./chunk-DC4V7Y77.js";
import {
  planOptionsOf
} from "./chunk-KVRKAVBY.js";
import {
  table
} from "./chunk-P6XIBZJE.js";
import "./chunk-DT5HYJ6Z.js";
import {
  resolvePlan
} from "./chunk-XYOJR3OW.js";
import "./chunk-SHSIKJIZ.js";
import "./chunk-WNNIEYS7.js";
import "./chunk-XTWZAQJ7.js";
import "./chunk-GPOVTMB7.js";
import "./chunk-HXUZOVDA.js";

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
