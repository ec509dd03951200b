// The job summary: per image where it came from and what it cost, and time per phase.
import type { UpResult } from '../core/up.js';
import { formatBytes } from '../core/format.js';
import { fetchedLine, nodeImageLine } from '../core/fetched.js';
import type { PhaseTiming } from '../core/report.js';

export function summaryMarkdown(result: UpResult, phases: readonly PhaseTiming[], cache: { hit: boolean; restoredKey?: string }): string {
  const lines: string[] = [`## sew-ci: cluster \`${result.plan.cluster.name}\``, ''];
  lines.push(cache.restoredKey ? `Cache ${cache.hit ? 'hit' : 'partial hit'}: \`${cache.restoredKey}\`` : 'Cache: none restored', '');
  lines.push(`${capitalised(fetchedLine(result.fetched))}.`, '');
  if (result.nodeImage) lines.push(`Node image \`${result.nodeImage.ref}\`: ${nodeImageLine(result.nodeImage)}.`, '');
  if (result.preload.images.length) {
    lines.push('| image | source | copied | digest |', '|---|---|---:|---|');
    for (const i of result.preload.images) {
      const source = i.error ? '**failed**' : i.source === 'hit' ? 'cache hit' : (i.source ?? '');
      lines.push(`| \`${i.ref}\` | ${source} | ${formatBytes(i.bytesCopied)} | ${i.error ? escape(i.error) : `\`${(i.digest ?? '').slice(0, 19)}\``} |`);
    }
    lines.push('', `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied.`, '');
  }
  if (result.builds.length) {
    lines.push('| build | image | how | pushed | digest |', '|---|---|---|---:|---|');
    for (const b of result.builds) lines.push(`| ${b.name} | \`${b.image}\` | ${b.how} | ${formatBytes(b.bytesCopied)} | \`${b.digest.slice(0, 19)}\` |`);
    lines.push('');
  }
  if (result.mirrors.length) {
    lines.push('| mirror | container | state |', '|---|---|---|');
    for (const m of result.mirrors) lines.push(`| ${m.host} | ${m.container} | ${m.problem ? 'not serving' : m.degraded ? 'cache only' : 'serving'} |`);
    lines.push('');
  }
  lines.push('| phase | seconds |', '|---|---:|');
  for (const p of phases) lines.push(`| ${p.name} | ${(p.ms / 1000).toFixed(1)} |`);
  return `${lines.join('\n')}\n`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
