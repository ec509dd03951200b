// Command-line options. Plan options are shared by every command that resolves a plan;
// any other `--NAME` is a context flag, checked against the composition later.
import { parseArgs } from 'node:util';
import { InputError } from '../core/errors.js';
import { parseAllowEnv } from '../core/config/trust.js';
import { parseSets } from '../core/config/variables.js';
import type { PlanOptions } from '../core/plan.js';

export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string };

export const PLAN_OPTIONS = {
  config: { type: 'string' },
  from: { type: 'string', multiple: true },
  registry: { type: 'string' },
  flag: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
  'allow-env': { type: 'string', multiple: true },
  'skip-preload': { type: 'boolean' },
  'sew-home': { type: 'string' },
  'registry-image': { type: 'string' },
  'cluster-name': { type: 'string' },
  preload: { type: 'string', multiple: true },
  mirror: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const satisfies Record<string, OptionSpec>;

export interface Parsed {
  readonly values: Record<string, string | boolean | string[] | undefined>;
  /** Unknown long options, taken as context flags when the command allows them. */
  readonly contextFlags: string[];
  readonly positionals: string[];
}

export function parseCommandArgs(args: readonly string[], options: Record<string, OptionSpec>, allowContextFlags: boolean): Parsed {
  const all: Record<string, OptionSpec> = { ...options, help: { type: 'boolean', short: 'h' } };
  const { tokens } = parseArgs({ args: [...args], options: all, strict: false, allowPositionals: true, tokens: true });
  const values: Parsed['values'] = {};
  const contextFlags: string[] = [];
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = all[token.name];
    if (!spec) {
      if (allowContextFlags && token.rawName.startsWith('--') && token.value === undefined && /^[a-z0-9][a-z0-9-]*$/.test(token.name)) {
        contextFlags.push(token.name);
        continue;
      }
      throw new InputError(token.rawName, `unknown option${allowContextFlags ? '' : ' for this command'}; see --help`);
    }
    if (spec.type === 'string') {
      if (token.value === undefined || token.value === '') throw new InputError(token.rawName, 'needs a value');
      if (spec.multiple) values[token.name] = [...((values[token.name] as string[] | undefined) ?? []), token.value];
      else values[token.name] = token.value;
    } else {
      if (token.value !== undefined) throw new InputError(token.rawName, 'takes no value');
      values[token.name] = true;
    }
  }
  return { values, contextFlags, positionals };
}

export function planOptionsFrom(parsed: Parsed, cwd: string, env: NodeJS.ProcessEnv): PlanOptions {
  const v = parsed.values;
  return {
    cwd,
    env,
    ...(typeof v.config === 'string' && { config: v.config }),
    ...(Array.isArray(v.from) && { from: v.from }),
    ...(typeof v.registry === 'string' && { registry: v.registry }),
    flags: [...((v.flag as string[] | undefined) ?? []), ...parsed.contextFlags],
    ...(Array.isArray(v.set) && { sets: parseSets(v.set, '--set') }),
    ...(Array.isArray(v['allow-env']) && { allowEnv: parseAllowEnv(v['allow-env'], '--allow-env') }),
    ...(v['skip-preload'] === true && { skipPreload: true }),
    ...(typeof v['sew-home'] === 'string' && { sewHome: v['sew-home'] }),
    ...(typeof v['registry-image'] === 'string' && { registryImage: v['registry-image'] }),
    ...(typeof v['cluster-name'] === 'string' && { clusterName: v['cluster-name'] }),
    ...(Array.isArray(v.preload) && { extraRefs: v.preload }),
    ...(Array.isArray(v.mirror) && { extraUpstreams: v.mirror }),
  };
}
