// Typed option values -> what the core's use cases take. The same for the CLI and the action,
// as both read the same options.
import { parseSets } from '../config/variables.js';
import type { PlanOptions } from '../plan.js';
import type { ToolRequest } from '../tools/plan.js';
import { cliName, cliWhere, declaration, OPTIONS, type OptionName, type Where } from './options.js';
import type { OptionValues } from './values.js';

/**
 * `where` names options as the surface does (`--preload`, `input preload`). `contextFlags` are
 * the command line's `--NAME` words, activated as `--flag NAME` is.
 */
export function planOptionsOf(v: OptionValues, cwd: string, env: NodeJS.ProcessEnv, where: Where, contextFlags: readonly string[] = []): PlanOptions {
  const switches = switchedOn(v);
  return {
    cwd,
    env,
    // The command line names a flag as typed; the default words are its own.
    ...(where !== cliWhere && { where: { preload: where('preload'), mirrors: where('mirrors'), set: where('set'), build: where('build'), flags: where('flags') } }),
    ...(v.config !== undefined && { config: v.config }),
    ...(v.from?.length && { from: v.from }),
    ...(v.registry !== undefined && { registry: v.registry }),
    flags: [...(v.flags ?? []), ...contextFlags],
    ...(v.set?.length && { sets: parseSets(v.set, 'set') }),
    ...(v['allow-env']?.length && { allowEnv: v['allow-env'] }),
    ...(v['skip-preload'] && { skipPreload: true }),
    ...(v['sew-home'] !== undefined && { sewHome: v['sew-home'] }),
    ...(v['registry-image'] !== undefined && { registryImage: v['registry-image'] }),
    ...(v['cluster-name'] !== undefined && { clusterName: v['cluster-name'] }),
    ...(v.preload?.length && { extraRefs: v.preload }),
    ...(v.mirrors?.length && { extraUpstreams: v.mirrors }),
    ...(v.local && { local: true }),
    ...(v['local-cache'] && { localCache: true }),
    cluster: v.cluster !== false,
    ...(v['node-image'] !== undefined && { nodeImage: v['node-image'] }),
    ...(v.wait !== undefined && { wait: v.wait }),
    ...(v.build && { build: true }),
    ...(v['cache-registry'] !== undefined && { cacheRegistry: v['cache-registry'] }),
    ...(v['cache-registry-mode'] !== undefined && { cacheRegistryMode: v['cache-registry-mode'] }),
    ...(switches.length && { switches }),
  };
}

/** The releases `kind-version` and `kubectl-version` ask for, for the `tools` use case. */
export function toolRequestsOf(v: OptionValues): ToolRequest[] {
  return [
    ...(v['kind-version'] ? [{ name: 'kind' as const, version: v['kind-version'] }] : []),
    ...(v['kubectl-version'] ? [{ name: 'kubectl' as const, version: v['kubectl-version'] }] : []),
  ];
}

/** The on/off options whose value is not their default (`--local`, `--no-cluster`), as the CLI spells them. */
function switchedOn(v: OptionValues): string[] {
  return (Object.keys(OPTIONS) as OptionName[]).filter((name) => declaration(name).value === 'boolean' && v[name] !== undefined && v[name] !== (declaration(name).default === 'true')).map(cliName);
}
