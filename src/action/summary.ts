// The job summary. Main's: how the run ended (the failed phase and why), what happened to each
// cache entry (restored from which key, exact or fallback), per image where it came from, the
// verify result, the cluster, the warnings and the time per phase. Post's: what it saved.
// Cache entries are a list: each thing the job caches is one row.
import type { SaveOutcome } from '../core/cache-save.js';
import { fetchedLine, mirrorsFetchedLine, nodeImageLine } from '../core/fetched.js';
import { formatBytes } from '../core/format.js';
import type { PhaseTiming } from '../core/report.js';
import { cacheRegistryLine, type UpResult } from '../core/up.js';
import type { ImageCheck } from '../core/verify/offline.js';
import { CacheEntries } from './constants.js';

export interface CacheEntryReport {
  /** What the entry holds, as a reader names it: `registry data`. */
  readonly name: string;
  /** The exact plan's key (saved entries are `<key>-<content fingerprint>`). */
  readonly key: string;
  /** The entry restored; absent when none was. */
  readonly restoredKey?: string;
  /** The restored entry was saved for this exact plan, not the nearest one a restore key found. */
  readonly exact: boolean;
}

export interface RunSummary {
  /** Absent when the run failed before its plan was known. */
  readonly cluster?: string;
  /** The run failed: in which phase (undefined outside any) and why. */
  readonly failure?: { readonly phase?: string; readonly message: string };
  /** Empty when the cache is off. */
  readonly caches: readonly CacheEntryReport[];
  /** Absent when the run failed before its report. */
  readonly result?: UpResult;
  readonly checks?: readonly ImageCheck[];
  readonly warnings: readonly string[];
  readonly timings: readonly PhaseTiming[];
}

export function summaryMarkdown(run: RunSummary): string {
  const lines: string[] = [run.cluster === undefined ? '## sew-ci' : `## sew-ci: cluster \`${run.cluster}\``, ''];
  if (run.failure) lines.push(`**Failed**${run.failure.phase ? ` in phase *${run.failure.phase}*` : ''}: ${escape(run.failure.message)}`, '');
  lines.push(...cacheSection(run.caches));
  const { result } = run;
  if (result) {
    lines.push(`${capitalised(fetchedLine(result.fetched))}.`, '');
    if (result.nodeImage) lines.push(`Node image \`${result.nodeImage.ref}\`: ${nodeImageLine(result.nodeImage)}.`, '');
  }
  if (result?.preload.images.length) {
    // A hit is served from disk: the restored registry data's when it was restored, else what this runner kept.
    const restored = run.caches.some((c) => c.name === CacheEntries.registryData && c.restoredKey !== undefined);
    lines.push('| image | source | copied | digest |', '|---|---|---:|---|');
    for (const i of result.preload.images) {
      const source = i.error ? '**failed**' : i.source === 'hit' ? (restored ? 'from cache' : 'on disk') : i.source === 'cache-registry' ? 'cache registry' : (i.source ?? '');
      lines.push(`| \`${i.ref}\` | ${source} | ${formatBytes(i.bytesCopied)} | ${i.error ? escape(i.error) : `\`${(i.digest ?? '').slice(0, 19)}\``} |`);
    }
    lines.push('', `${result.preload.images.length} image(s), ${formatBytes(result.preload.bytesCopied)} copied.`, '');
  }
  if (result?.cacheRegistry) lines.push(`${cacheRegistryLine(result.cacheRegistry, formatBytes)}.`, '');
  if (result?.builds.length) {
    lines.push('| build | image | how | pushed | digest |', '|---|---|---|---:|---|');
    for (const b of result.builds) lines.push(`| ${b.name} | \`${b.image}\` | ${b.how} | ${formatBytes(b.bytesCopied)} | \`${b.digest.slice(0, 19)}\` |`);
    lines.push('');
  }
  if (result?.mirrors.length) {
    lines.push('| mirror | container | state |', '|---|---|---|');
    for (const m of result.mirrors) lines.push(`| ${m.host} | ${m.container} | ${m.problem ? 'not serving' : m.degraded ? 'cache only' : 'serving'} |`);
    lines.push('');
  }
  if (run.checks) lines.push(...verifySection(run.checks));
  if (result) lines.push(clusterLine(result), '');
  if (run.warnings.length) lines.push('Warnings:', '', ...run.warnings.map((w) => `- ${escape(w)}`), '');
  lines.push('| phase | seconds |', '|---|---:|');
  for (const p of run.timings) lines.push(`| ${p.name}${p.failed ? ' (failed)' : ''} | ${(p.ms / 1000).toFixed(1)} |`);
  return `${lines.join('\n')}\n`;
}

function cacheSection(caches: readonly CacheEntryReport[]): string[] {
  if (caches.length === 0) return ['Cache: off', ''];
  const lines = ['| cache | key | restored |', '|---|---|---|'];
  for (const c of caches) {
    const restored = c.restoredKey === undefined ? 'none' : `\`${c.restoredKey}\` (${c.exact ? 'this plan’s' : 'fallback: the nearest cache'})`;
    lines.push(`| ${c.name} | \`${c.key}\` | ${restored} |`);
  }
  return [...lines, ''];
}

function verifySection(checks: readonly ImageCheck[]): string[] {
  const incomplete = checks.filter((c) => !c.ok);
  if (incomplete.length === 0) return [`Verify: all ${checks.length} preloaded image(s) complete.`, ''];
  return [`Verify: ${incomplete.length} of ${checks.length} preloaded image(s) incomplete:`, '', ...incomplete.map((c) => `- \`${c.ref}\`: ${escape(c.problem ?? '')}`), ''];
}

function clusterLine({ cluster, plan }: UpResult): string {
  if (cluster) return `Cluster \`${cluster.name}\` ${cluster.action}; kubeconfig \`${cluster.kubeconfig}\`.`;
  return plan.needs.cluster ? 'Cluster: not created.' : 'Cluster: none (cluster: false).';
}

/** Post's part: per cache entry, saved or not and why. */
export function saveSummary(entries: readonly { readonly name: string; readonly outcome: SaveOutcome }[]): string {
  const lines = ['### sew-ci: cache save', '', '| cache | saved |', '|---|---|'];
  for (const { name, outcome } of entries) {
    const saved = outcome.saved ? `\`${outcome.key}\`` : `no: ${escape(outcome.reason ?? '')}${outcome.key ? ` (\`${outcome.key}\`)` : ''}`;
    lines.push(`| ${name} | ${saved} |`);
  }
  const pruned = entries.flatMap((e) => (e.outcome.pruned !== undefined ? [`${e.name}: ${e.outcome.pruned}`] : []));
  if (pruned.length) lines.push('', ...pruned.map((p) => `Pruned ${p}.`));
  const fetched = entries.flatMap((e) => (e.outcome.mirrorsFetched !== undefined ? [mirrorsFetchedLine(e.outcome.mirrorsFetched)] : []));
  if (fetched.length) lines.push('', ...fetched.map((line) => `${capitalised(line)}.`));
  return `${lines.join('\n')}\n`;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
