import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  planFacts,
  sourceReader
} from "./chunk-34UAOX5J.js";
import "./chunk-TCWCERWE.js";
import "./chunk-ZXMGIANR.js";
import "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/plan.ts
async function planCommand({ parsed, io, planOptions }) {
  const { resolvePlan, publicPlan } = await import("./plan-FPXX3L3Z.js");
  const plan = await resolvePlan(planOptions, sourceReader(planOptions), planFacts);
  for (const warning of plan.warnings) io.err(`warning: ${warning}
`);
  io.out(parsed.values.json ? `${JSON.stringify(publicPlan(plan), null, 2)}
` : formatPlan(plan));
  return 0;
}
function formatPlan(plan) {
  const lines = [];
  const row = (label, value) => lines.push(`${label.padEnd(16)}${value}`);
  row("config", plan.embeddedDefault ? "embedded default (no sew.yaml found)" : plan.sources.join(" -> "));
  if (plan.flags.length || plan.availableFlags.length) {
    const available = plan.availableFlags.map((f) => `--${f.name}${f.description ? ` (${f.description})` : ""}`).join(", ");
    row("flags", `${plan.flags.map((f) => `--${f}`).join(" ") || "none"}${available ? `   available: ${available}` : ""}`);
  }
  for (const { source, variables } of plan.variables) {
    row("variables", `${source}: ${variables.map((v) => `${v.name}=${JSON.stringify(v.value)}`).join(" ")}`);
  }
  row("cluster", `${plan.cluster.name} (${plan.kindConfig.nodes.length} node${plan.kindConfig.nodes.length === 1 ? "" : "s"})`);
  if (plan.nodeImage) row("node image", `${plan.nodeImage.ref} (${plan.nodeImage.source}: ${plan.nodeImage.where})${plan.nodeImage.stored ? `, stored in ${plan.nodeImage.stored.data}` : ""}`);
  if (!plan.preload.enabled) row("preload", "skipped (--skip-preload)");
  else if (plan.preload.refs.length === 0) row("preload", "nothing to preload");
  else {
    const platforms = plan.preload.platforms === "all" ? "all platforms" : plan.preload.platforms.join(", ");
    row("preload", `${plan.preload.refs.length} image${plan.preload.refs.length === 1 ? "" : "s"} into ${plan.preload.container} (${plan.preload.data}), ${platforms}`);
    for (const ref of plan.preload.refs) row("", `  ${ref}`);
  }
  for (const ref of plan.preload.skipped) row("", `  skipped: ${ref}`);
  plan.builds.forEach((b, i) => row(i === 0 ? "builds" : "", `${b.name}: ${b.image}`));
  if (plan.mirrors) {
    row("mirrors", plan.mirrors.entries.map((e) => e.endpoints.length === 1 && e.endpoints[0] === "local" ? e.host : `${e.host}=${e.endpoints.join(",")}`).join(", "));
    row("", `  data: ${plan.mirrors.data}`);
  } else row("mirrors", "off");
  row("hosts dir", plan.hostsDir);
  const cache = plan.cacheRegistry;
  row("cache registry", cache ? `${cache.ref} (${cache.mode}: ${cache.modeFrom})` : "none");
  row("registry image", plan.registryImage);
  row("cache key", plan.cacheKey);
  return `${lines.join("\n")}
`;
}
export {
  planCommand
};
