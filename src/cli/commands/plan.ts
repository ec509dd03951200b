import type { Plan } from '../../core/plan.js';
import { planFacts, sourceReader } from '../../core/default-reader.js';
import type { CommandContext } from '../command.js';

export async function planCommand({ parsed, io, planOptions }: CommandContext): Promise<number> {
  const { resolvePlan, publicPlan } = await import('../../core/plan.js');
  const plan = await resolvePlan(planOptions, sourceReader(planOptions), planFacts);
  for (const warning of plan.warnings) io.err(`warning: ${warning}\n`);
  io.out(parsed.values.json ? `${JSON.stringify(publicPlan(plan), null, 2)}\n` : formatPlan(plan));
  return 0;
}

function formatPlan(plan: Plan): string {
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${label.padEnd(16)}${value}`);
  row('config', plan.embeddedDefault ? 'embedded default (no sew.yaml found)' : plan.sources.join(' -> '));
  if (plan.flags.length || plan.availableFlags.length) {
    const available = plan.availableFlags.map((f) => `--${f.name}${f.description ? ` (${f.description})` : ''}`).join(', ');
    row('flags', `${plan.flags.map((f) => `--${f}`).join(' ') || 'none'}${available ? `   available: ${available}` : ''}`);
  }
  for (const { source, variables } of plan.variables) {
    row('variables', `${source}: ${variables.map((v) => `${v.name}=${JSON.stringify(v.value)}`).join(' ')}`);
  }
  row('cluster', `${plan.cluster.name} (${plan.kindConfig.nodes.length} node${plan.kindConfig.nodes.length === 1 ? '' : 's'})`);
  if (plan.nodeImage) row('node image', `${plan.nodeImage.ref} (${plan.nodeImage.source}: ${plan.nodeImage.where})${plan.nodeImage.stored ? `, stored in ${plan.nodeImage.stored.data}` : ''}`);
  if (!plan.preload.enabled) row('preload', 'skipped (--skip-preload)');
  else if (plan.preload.refs.length === 0) row('preload', 'nothing to preload');
  else {
    const platforms = plan.preload.platforms === 'all' ? 'all platforms' : plan.preload.platforms.join(', ');
    row('preload', `${plan.preload.refs.length} image${plan.preload.refs.length === 1 ? '' : 's'} into ${plan.preload.container} (${plan.preload.data}), ${platforms}`);
    for (const ref of plan.preload.refs) row('', `  ${ref}`);
  }
  for (const ref of plan.preload.skipped) row('', `  skipped: ${ref}`);
  plan.builds.forEach((b, i) => row(i === 0 ? 'builds' : '', `${b.name}: ${b.image}`));
  if (plan.mirrors) {
    row('mirrors', plan.mirrors.entries.map((e) => (e.endpoints.length === 1 && e.endpoints[0] === 'local' ? e.host : `${e.host}=${e.endpoints.join(',')}`)).join(', '));
    row('', `  data: ${plan.mirrors.data}`);
  } else row('mirrors', 'off');
  row('hosts dir', plan.hostsDir);
  const cache = plan.cacheRegistry;
  row('cache registry', cache ? `${cache.ref} (${cache.mode}: ${cache.modeFrom})` : 'none');
  row('registry image', plan.registryImage);
  row('cache key', plan.cacheKey);
  return `${lines.join('\n')}\n`;
}
