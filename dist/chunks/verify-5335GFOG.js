import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  sourceReader
} from "./chunk-QEZUSFSQ.js";
import "./chunk-TCWCERWE.js";
import {
  verifyPlanPreload
} from "./chunk-CZTA5DDM.js";
import "./chunk-A663T7FG.js";
import "./chunk-I7IR5773.js";
import {
  table
} from "./chunk-YBRP2N6Z.js";
import {
  resolvePlan
} from "./chunk-MITE3WRK.js";
import "./chunk-XK3YFFSD.js";
import "./chunk-7EGYCJXJ.js";
import "./chunk-BWXT4P5J.js";
import "./chunk-LMZY7IQG.js";
import "./chunk-OLMSLYTO.js";
import "./chunk-CUEROUV4.js";
import "./chunk-KQX75GDV.js";
import "./chunk-Z6K67HG4.js";
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
