import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  sourceReader
} from "./chunk-34UAOX5J.js";
import {
  verifyPlanPreload
} from "./chunk-55TXX3SV.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import {
  table
} from "./chunk-3RQSMHPC.js";
import {
  resolvePlan
} from "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/core/verify.ts
async function verify(options, reader) {
  const plan = await resolvePlan(options, reader);
  return { plan, checks: await verifyPlanPreload(plan) };
}

// src/cli/commands/verify.ts
async function verifyCommand({ parsed, io, planOptions }) {
  const { plan, checks } = await verify(planOptions, sourceReader(planOptions));
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
