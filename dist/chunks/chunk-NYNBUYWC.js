import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  formatBytes
} from "./chunk-Z7SXRXQX.js";

// src/core/fetched.ts
function withTools(fetched, bytes) {
  return { ...fetched, tools: fetched.tools + bytes, total: fetched.total + bytes };
}
function fetchedLine(fetched) {
  const uncounted = fetched.kindMayPull ? "; not counted: the node image, if kind pulled it" : "";
  if (fetched.total === 0) return `fetched from the network: ${uncounted ? "no image of sew-ci" : "nothing"}${uncounted}`;
  const parts = [
    ["preload copies", fetched.preload],
    ["node image", fetched.nodeImage],
    ["tools", fetched.tools]
  ].filter(([, bytes]) => bytes > 0);
  return `fetched from the network: ${formatBytes(fetched.total)} (${parts.map(([name, bytes]) => `${name} ${formatBytes(bytes)}`).join(", ")})${uncounted}`;
}
function mirrorsFetchedLine(bytes) {
  return bytes === 0 ? "the mirrors fetched nothing from their upstreams during the job" : `the mirrors fetched ${formatBytes(bytes)} from their upstreams during the job`;
}
function nodeImageLine(node) {
  const daemon = { present: "already in Docker", loaded: `loaded into Docker as ${node.image}`, absent: "not in Docker: kind pulls it" }[node.daemon];
  const stored = node.stored === void 0 ? "not stored" : node.stored === "hit" ? "already stored" : `stored (${formatBytes(node.bytesFetched)} fetched)`;
  return `${stored}, ${daemon}`;
}

export {
  withTools,
  fetchedLine,
  mirrorsFetchedLine,
  nodeImageLine
};
