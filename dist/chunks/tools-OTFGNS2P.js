import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  installTools
} from "./chunk-7SFGHDZE.js";
import {
  toolRequestsOf
} from "./chunk-NYYUVVME.js";
import "./chunk-QH2WSXJT.js";
import "./chunk-O6YE2B7E.js";
import "./chunk-PCMPPVJS.js";
import "./chunk-ZFLQE3JO.js";
import "./chunk-TCWCERWE.js";
import "./chunk-4FQTKZIH.js";
import {
  cliReporter
} from "./chunk-3RQSMHPC.js";
import "./chunk-WZGOSGSF.js";
import "./chunk-AGVPR22D.js";
import "./chunk-EBQAAFSX.js";
import {
  formatBytes,
  userPath
} from "./chunk-Z7SXRXQX.js";
import "./chunk-Z6TURJHQ.js";
import {
  InputError
} from "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/commands/tools.ts
import { copyFile, rename } from "node:fs/promises";
import { join } from "node:path";
async function toolsCommand({ parsed, io, deps }) {
  const v = parsed.values;
  const tools = toolRequestsOf(v);
  if (tools.length === 0) throw new InputError("tools", "needs --kind-version or --kubectl-version (or both)");
  const outcome = await installTools({ env: io.env, cwd: io.cwd, ...v["sew-home"] !== void 0 && { sewHome: v["sew-home"] }, tools }, { downloads: (await deps()).downloads, reporter: cliReporter(io) });
  if (v.bin !== void 0) {
    const bin = userPath(v.bin, io.cwd, io.env);
    for (const tool of outcome.tools) {
      const target = join(bin, tool.name);
      await copyFile(tool.binary, `${target}.sew-ci-partial`);
      await rename(`${target}.sew-ci-partial`, target);
    }
  }
  if (v.json) io.out(`${JSON.stringify({ tools: outcome.tools, fetched: outcome.bytesFetched }, null, 2)}
`);
  else {
    for (const t of outcome.tools) io.out(`${t.name} ${t.version} ${t.binary} (${t.source === "cached" ? "from the cache" : `downloaded, ${formatBytes(t.bytesFetched)}`})
`);
    io.out(`fetched from the network: ${outcome.bytesFetched === 0 ? "nothing" : formatBytes(outcome.bytesFetched)}
`);
  }
  return 0;
}
export {
  toolsCommand
};
