import { publicPlan } from '../../core/plan.js';
import { runUp } from '../../core/run-up.js';
import { cacheRegistryLine, type UpResult } from '../../core/up.js';
import type { PhaseTiming } from '../../core/report.js';
import { formatBytes } from '../../core/format.js';
import type { CommandContext } from '../command.js';
import { fetchedLine, nodeImageLine } from '../../core/fetched.js';
import { cliReporter, table } from '../reporter.js';

export async function upCommand({ parsed, io, planOptions, deps }: CommandContext): Promise<number> {
  const v = parsed.values;
  const { result, timings, checks, incomplete } = await runUp({ plan: planOptions, verify: v.verify === true }, { ...(await deps()), reporter: cliReporter(io) });
  for (const c of incomplete) io.err(`sew-ci: ${c.ref}: ${c.problem}\n`);
  io.out(v.json ? `${JSON.stringify({ plan: publicPlan(result.plan), ...jsonReport(result, timings), ...(checks && { verified: checks }) }, null, 2)}\n` : humanReport(result));
  if (checks && !v.json) io.out(`verified: ${checks.length - incomplete.length} of ${checks.length} preloaded image(s) complete\n`);
  return result.failed.length > 0 || incomplete.length > 0 ? 1 : 0;
}

/** The report without its plan, which `publicPlan` renders. */
function jsonReport(result: UpResult, phases: readonly PhaseTiming[]): Record<string, unknown> {
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
    failed: result.failed,
  };
}

function humanReport(result: UpResult): string {
  let out = '';
  for (const b of result.builds) out += `built ${b.name}: ${b.image} ${b.digest}\n`;
  if (result.preload.images.length > 0) {
    const rows = [['IMAGE', 'SOURCE', 'COPIED', 'DIGEST']];
    for (const image of result.preload.images) {
      rows.push([image.ref, image.error ? 'FAILED' : (image.source ?? ''), formatBytes(image.bytesCopied), image.error ?? image.digest ?? '']);
    }
    out += table(rows);
    out += `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied into ${result.preload.registry}\n`;
  }
  if (result.cacheRegistry) out += `${cacheRegistryLine(result.cacheRegistry, formatBytes)}\n`;
  for (const mirror of result.mirrors) out += `mirror ${mirror.host}: ${mirror.container} (${mirror.url ?? 'not serving'})\n`;
  if (result.hostsFiles.length) out += `containerd hosts: ${result.plan.hostsDir} (${result.hostsFiles.length} host(s))\n`;
  if (result.local) out += `push your images to ${result.local.pushTarget}\n`;
  if (result.nodeImage) out += `node image ${result.nodeImage.ref}: ${nodeImageLine(result.nodeImage)}\n`;
  if (result.cluster) out += `cluster ${result.cluster.name} ${result.cluster.action}; kubeconfig ${result.cluster.kubeconfig}\n`;
  out += `${fetchedLine(result.fetched)}\n`;
  if (result.failed.length) out += `${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}\n`;
  return out;
}
