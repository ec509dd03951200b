// Every action input, read once and validated; the rest of the action sees only this object.
import { z } from 'zod';
import { parseAllowEnv } from '../core/config/trust.js';
import { parseSets, setProblem } from '../core/config/variables.js';
import { InputError } from '../core/errors.js';
import type { UpOptions } from '../core/up.js';
import { Inputs } from './constants.js';

export type ReadInput = (name: string) => string;

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
const words = (text: string) => lines(text).flatMap((l) => l.split(/[\s,]+/)).filter(Boolean);

const flag = (fallback: boolean) =>
  z.string().transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (v === '') return fallback;
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0'].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, not "${value}"` });
    return z.NEVER;
  });

const optional = z.string().transform((v) => (v.trim() === '' ? undefined : v.trim()));
const matching = (pattern: RegExp, what: string) =>
  optional.refine((v) => v === undefined || pattern.test(v), { message: `must be ${what}` });

const schema = z.object({
  [Inputs.config]: optional,
  [Inputs.from]: z.string().transform(lines),
  [Inputs.registry]: optional,
  [Inputs.flags]: z.string().transform((v) => words(v).map((f) => f.replace(/^--/, ''))),
  [Inputs.set]: z
    .string()
    .transform(lines)
    .superRefine((items, ctx) => {
      const problem = items.map(setProblem).find((p) => p !== undefined);
      if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
    })
    .transform((items) => parseSets(items, `input ${Inputs.set}`)),
  [Inputs.allowEnv]: z.string().transform((v) => parseAllowEnv(lines(v), `input ${Inputs.allowEnv}`)),
  [Inputs.skipPreload]: flag(false),
  [Inputs.cluster]: flag(true),
  [Inputs.clusterName]: matching(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label (a-z, 0-9, -)'),
  [Inputs.nodeImage]: optional,
  [Inputs.kindVersion]: matching(/^v\d+\.\d+\.\d+$/, 'a kind release such as v0.24.0'),
  [Inputs.wait]: z
    .string()
    .transform((v) => v.trim() || '60s')
    .refine((v) => /^\d+(ms|s|m|h)$/.test(v), { message: 'must be a duration such as 60s or 5m' }),
  [Inputs.sewHome]: optional,
  [Inputs.registryImage]: optional,
  [Inputs.cache]: flag(true),
  [Inputs.cacheKeyPrefix]: z.string().transform((v) => v.trim()),
  [Inputs.preload]: z.string().transform(lines),
  [Inputs.mirrors]: z.string().transform(words),
  [Inputs.local]: flag(false),
  [Inputs.localCache]: flag(false),
  [Inputs.verify]: flag(false),
});

export type ActionInputs = z.infer<typeof schema>;

export function readInputs(read: ReadInput): ActionInputs {
  const raw = Object.fromEntries(Object.values(Inputs).map((name) => [name, read(name)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`input ${String(issue.path[0])}`, issue.message);
  }
  return parsed.data;
}

export function upOptionsFromInputs(inputs: ActionInputs, cwd: string, env: NodeJS.ProcessEnv): UpOptions {
  return {
    cwd,
    env,
    ...(inputs.config !== undefined && { config: inputs.config }),
    ...(inputs.from.length > 0 && { from: inputs.from }),
    ...(inputs.registry !== undefined && { registry: inputs.registry }),
    flags: inputs.flags,
    ...(Object.keys(inputs.set).length > 0 && { sets: inputs.set }),
    ...(inputs['allow-env'].length > 0 && { allowEnv: inputs['allow-env'] }),
    ...(inputs['skip-preload'] && { skipPreload: true }),
    ...(inputs['sew-home'] !== undefined && { sewHome: inputs['sew-home'] }),
    ...(inputs['registry-image'] !== undefined && { registryImage: inputs['registry-image'] }),
    ...(inputs['cluster-name'] !== undefined && { clusterName: inputs['cluster-name'] }),
    extraRefs: inputs.preload,
    extraUpstreams: inputs.mirrors,
    ...(inputs.local && { local: true }),
    ...(inputs['local-cache'] && { localCache: true }),
    cluster: inputs.cluster,
    ...(inputs['node-image'] !== undefined && { nodeImage: inputs['node-image'] }),
    wait: inputs.wait,
  };
}
