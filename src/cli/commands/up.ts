import { publicPlan } from '../../core/plan.js';
import { up, type UpResult } from '../../core/up.js';
import { defaultUpDeps } from '../../core/default-deps.js';
import { planOptionsFrom, PLAN_OPTIONS, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { formatBytes } from '../../core/format.js';
import { checkWait } from '../../core/kind/duration.js';
import { verifyPlanPreload } from '../../core/verify/offline.js';
import { cliReporter, table } from '../reporter.js';

export const upHelp = `Usage: sew-ci up [plan options] [--no-cluster] [--node-image IMAGE] [--wait DURATION] [--verify] [--json]

Resolves the plan, starts the preload and mirror registries, copies the preload images,
writes the containerd hosts files and creates (or reuses) the Kind cluster.
Plan options are those of 'sew-ci plan'.
  --wait DURATION  how long kind waits for the control plane, a Go duration (60s, 1m30s)
  --verify         then check offline that every preloaded image is complete (as 'sew-ci
                   verify'); exit 1 if one is not`;

export const UP_OPTIONS = {
  ...PLAN_OPTIONS,
  build: { type: 'boolean' },
  'no-cluster': { type: 'boolean' },
  'node-image': { type: 'string' },
  wait: { type: 'string' },
  verify: { type: 'boolean' },
} as const;

export async function upCommand(parsed: Parsed, io: CliIO): Promise<number> {
  if (parsed.values.help) {
    io.out(`${upHelp}\n`);
    return 0;
  }
  const v = parsed.values;
  // Every option is checked before `up` starts anything.
  const options = {
    ...planOptionsFrom(parsed, io.cwd, io.env),
    cluster: v['no-cluster'] !== true,
    ...(v.build === true && { build: true }),
    ...(typeof v['node-image'] === 'string' && { nodeImage: v['node-image'] }),
    ...(typeof v.wait === 'string' && { wait: checkWait(v.wait, '--wait') }),
  };
  const result = await up(options, defaultUpDeps(cliReporter(io), io.env));
  const checks = v.verify ? await verifyPlanPreload(result.plan) : undefined;
  const incomplete = checks?.filter((c) => !c.ok) ?? [];
  for (const c of incomplete) io.err(`sew-ci: ${c.ref}: ${c.problem}\n`);
  io.out(v.json ? `${JSON.stringify({ plan: publicPlan(result.plan), ...jsonReport(result), ...(checks && { verified: checks }) }, null, 2)}\n` : humanReport(result));
  if (checks && !v.json) io.out(`verified: ${checks.length - incomplete.length} of ${checks.length} preloaded image(s) complete\n`);
  return result.failed.length > 0 || incomplete.length > 0 ? 1 : 0;
}

/** The report without its plan, which `publicPlan` renders. */
export function jsonReport(result: UpResult): Record<string, unknown> {
  return {
    preload: result.preload,
    mirrors: result.mirrors,
    hostsFiles: result.hostsFiles,
    local: result.local ?? null,
    builds: result.builds,
    cluster: result.cluster ?? null,
    phases: result.phases,
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
  for (const mirror of result.mirrors) out += `mirror ${mirror.host}: ${mirror.container} (${mirror.url ?? 'not serving'})\n`;
  if (result.hostsFiles.length) out += `containerd hosts: ${result.plan.hostsDir} (${result.hostsFiles.length} host(s))\n`;
  if (result.local) out += `push your images to ${result.local.pushTarget}\n`;
  if (result.cluster) out += `cluster ${result.cluster.name} ${result.cluster.action}; kubeconfig ${result.cluster.kubeconfig}\n`;
  if (result.failed.length) out += `${result.failed.length} image(s) could not be preloaded: ${result.failed.join(', ')}\n`;
  return out;
}
