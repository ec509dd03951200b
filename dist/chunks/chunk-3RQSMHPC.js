import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  formatBytes
} from "./chunk-Z7SXRXQX.js";

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
      if (event.type === "blob-progress" && event.bytes === event.size) {
        const total = (bytes.get(event.ref) ?? 0) + event.size;
        bytes.set(event.ref, total);
        if (live) io.err(`\r    ${event.ref}  ${formatBytes(total)}\x1B[K`);
      } else if (event.type === "image-finished") {
        const { ref, error, source, bytesCopied } = event.result;
        if (live) io.err("\r\x1B[K");
        io.err(`    ${ref}  ${error ? `failed: ${error}` : `${source} ${formatBytes(bytesCopied)}`}
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
