import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  formatBytes
} from "./chunk-BJTG7SL2.js";

// src/cli/reporter.ts
function cliReporter(io) {
  const live = io.isTTY && io.env.CI === void 0;
  const bytes = /* @__PURE__ */ new Map();
  return {
    async phase(name, work) {
      io.err(`==> ${name}
`);
      const start = performance.now();
      const result = await work();
      io.err(`    ${name}: ${((performance.now() - start) / 1e3).toFixed(1)} s
`);
      return result;
    },
    info: (message) => io.err(`    ${message}
`),
    warn: (message) => io.err(`warning: ${message}
`),
    progress(event) {
      if (event.kind === "bytes") {
        const total = (bytes.get(event.ref) ?? 0) + event.bytes;
        bytes.set(event.ref, total);
        if (live) io.err(`\r    ${event.ref}  ${formatBytes(total)}\x1B[K`);
      } else if (event.kind === "image-done") {
        if (live) io.err("\r\x1B[K");
        const what = event.error ? `failed: ${event.error}` : `${event.source} ${formatBytes(event.bytesCopied)}`;
        io.err(`    ${event.ref}  ${what}
`);
      }
    }
  };
}
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => r.map((cell, i) => i === r.length - 1 ? cell : cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n") + "\n";
}

export {
  cliReporter,
  table
};
