import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  runUp
} from "./chunk-73VRJVCP.js";
import {
  fetchedLine,
  nodeImageLine
} from "./chunk-NYNBUYWC.js";
import "./chunk-VGS5JAH5.js";
import "./chunk-O6YE2B7E.js";
import "./chunk-55TXX3SV.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import {
  cacheRegistryLine
} from "./chunk-HDYQMWXG.js";
import "./chunk-4FQTKZIH.js";
import {
  cliReporter,
  table
} from "./chunk-3RQSMHPC.js";
import {
  publicPlan
} from "./chunk-5PJVXLQS.js";
import "./chunk-EGITYCD6.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-6DFTRYNM.js";
import "./chunk-CUUT63CT.js";
import "./chunk-EBQAAFSX.js";
import "./chunk-ZXMGIANR.js";
import {
  formatBytes
} from "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/up.ts
async function upCommand({ parsed, io, planOptions, deps }) {
  const v = parsed.values;
  const { result, timings, checks, incomplete } = await runUp({ plan: planOptions, verify: v.verify === true }, { ...await deps(), reporter: cliReporter(io) });
  for (const c of incomplete) io.err(`sew-ci: ${c.ref}: ${c.problem}
`);
  io.out(v.json ? `${JSON.stringify({ plan: publicPlan(result.plan), ...jsonReport(result, timings), ...checks && { verified: checks } }, null, 2)}
` : humanReport(result));
  if (checks && !v.json) io.out(`verified: ${checks.length - incomplete.length} of ${checks.length} preloaded image(s) complete
`);
  return result.failed.length > 0 || incomplete.length > 0 ? 1 : 0;
}
function jsonReport(result, phases) {
  return {
    preload: result.preload,
    cacheRegistry: result.cacheRegistry ?? null,
    mirrors: result.mirrors,
    hostsFiles: result.hostsFiles,
    local: result.local ?? null,
    builds: result.builds,
    nodeImage: result.nodeImage ?? null,
    cluster: result.cluster ?? null,
    fetched: result.fetched,
    phases,
    failed: result.failed
  };
}
function humanReport(result) {
  let out = "";
  for (const b of result.builds) out += `built ${b.name}: ${b.image} ${b.digest}
`;
  if (result.preload.images.length > 0) {
    const rows = [["IMAGE", "SOURCE", "COPIED", "DIGEST"]];
    for (const image of result.preload.images) {
      rows.push([image.ref, image.error ? "FAILED" : image.source ?? "", formatBytes(image.bytesCopied), image.error ?? image.digest ?? ""]);
    }
    out += table(rows);
    out += `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied into ${result.preload.registry}
`;
  }
  if (result.cacheRegistry) out += `${cacheRegistryLine(result.cacheRegistry, formatBytes)}
`;
  for (const mirror of result.mirrors) out += `mirror ${mirror.host}: ${mirror.container} (${mirror.url ?? "not serving"})
`;
  if (result.hostsFiles.length) out += `containerd hosts: ${result.plan.hostsDir} (${result.hostsFiles.length} host(s))
`;
  if (result.local) out += `push your images to ${result.local.pushTarget}
`;
  if (result.nodeImage) out += `node image ${result.nodeImage.ref}: ${nodeImageLine(result.nodeImage)}
`;
  if (result.cluster) out += `cluster ${result.cluster.name} ${result.cluster.action}; kubeconfig ${result.cluster.kubeconfig}
`;
  out += `${fetchedLine(result.fetched)}
`;
  if (result.failed.length) out += `${result.failed.length} image(s) could not be preloaded: ${result.failed.join(", ")}
`;
  return out;
}
export {
  upCommand
};
