import { copyFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../core/errors.js';
import { formatBytes } from '../../core/format.js';
import { userPath } from '../../core/paths.js';
import { installTools } from '../../core/install-tools.js';
import { toolRequestsOf } from '../../core/options/run-options.js';
import type { CommandContext } from '../command.js';
import { cliReporter } from '../reporter.js';

export async function toolsCommand({ parsed, io, deps }: CommandContext): Promise<number> {
  const v = parsed.values;
  const tools = toolRequestsOf(v);
  if (tools.length === 0) throw new InputError('tools', 'needs --kind-version or --kubectl-version (or both)');
  const outcome = await installTools({ env: io.env, cwd: io.cwd, ...(v['sew-home'] !== undefined && { sewHome: v['sew-home'] }), tools }, { downloads: (await deps()).downloads, reporter: cliReporter(io) });
  if (v.bin !== undefined) {
    const bin = userPath(v.bin, io.cwd, io.env);
    for (const tool of outcome.tools) {
      const target = join(bin, tool.name);
      await copyFile(tool.binary, `${target}.sew-ci-partial`);
      await rename(`${target}.sew-ci-partial`, target);
    }
  }
  if (v.json) io.out(`${JSON.stringify({ tools: outcome.tools, fetched: outcome.bytesFetched }, null, 2)}\n`);
  else {
    for (const t of outcome.tools) io.out(`${t.name} ${t.version} ${t.binary} (${t.source === 'cached' ? 'from the cache' : `downloaded, ${formatBytes(t.bytesFetched)}`})\n`);
    io.out(`fetched from the network: ${outcome.bytesFetched === 0 ? 'nothing' : formatBytes(outcome.bytesFetched)}\n`);
  }
  return 0;
}
