import type { UpResult } from '../../core/up.js';
import { planOptionsFrom, PLAN_OPTIONS, type Parsed } from '../args.js';
import type { CliIO } from '../io.js';
import { formatBytes } from '../../core/format.js';
import { cliReporter, table } from '../reporter.js';

export const upHelp = `Usage: sew-ci up [plan options] [--no-cluster] [--node-image IMAGE] [--wait DURATION] [--json]

Resolves the plan, starts the preload and mirror registries, copies the preload images,
writes the containerd hosts files and creates (or reuses) the Kind cluster.
Plan options are those of 'sew-ci plan'.`;

export const UP_OPTIONS = {
  ...PLAN_OPTIONS,
  'no-cluster': { type: 'boolean' },
  'node-image': { type: 'string' },
  wait: { type: 'string' },
} as const;

export async function upCommand(parsed: Parsed, io: CliIO): Promise<number> {
  if (parsed.values.help) {
    io.out(`${upHelp}\n`);
    return 0;
  }
  const v = parsed.values;
  // The Docker client and the copier load only once a command needs them.
  const [{ up }, { defaultUpDeps }, { publicPlan }] = await Promise.all([import('../../core/up.js'), import('../../core/default-deps.js'), import('../../core/plan.js')]);
  const result = await up(
    {
      ...planOptionsFrom(parsed, io.cwd, io.env),
      cluster: v['no-cluster'] !== true,
      ...(typeof v['node-image'] === 'string' && { nodeImage: v['node-image'] }),
      ...(typeof v.wait === 'string' && { wait: v.wait }),
    },
    defaultUpDeps(cliReporter(io), io.env),
  );
  io.out(v.json ? `${JSON.stringify({ plan: publicPlan(result.plan), ...jsonReport(result) }, null, 2)}\n` : humanReport(result));
  return result.failed.length > 0 ? 1 : 0;
}

/** The report without its plan, which `publicPlan` renders. */
export function jsonReport(result: UpResult): Record<string, unknown> {
  return {
    preload: result.preload,
    mirrors: result.mirrors,
    hostsFiles: result.hostsFiles,
    local: result.local ?? null,
    cluster: result.cluster ?? null,
    phases: result.phases,
    failed: result.failed,
  };
}

function humanReport(result: UpResult): string {
  let out = '';
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
