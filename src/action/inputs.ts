// Every action input, read once and validated; the rest of the action sees only this object.
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import type { PlanOptions } from '../core/plan.js';

export type ReadInput = (name: string) => string;

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
const words = (text: string) => lines(text).flatMap((l) => l.split(/[\s,]+/)).filter(Boolean);

const boolean = (name: string) =>
  z.string().transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (v === '' ) return undefined;
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0'].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `input ${name} must be true or false, not "${value}"` });
    return z.NEVER;
  });

const optional = z.string().transform((v) => (v.trim() === '' ? undefined : v.trim()));

export const INPUT_NAMES = ['config', 'from', 'registry', 'flags', 'skip-preload', 'sew-home', 'registry-image', 'preload', 'mirrors'] as const;

const schema = z.object({
  config: optional,
  from: z.string().transform(lines),
  registry: optional,
  flags: z.string().transform((v) => words(v).map((f) => f.replace(/^--/, ''))),
  'skip-preload': boolean('skip-preload'),
  'sew-home': optional,
  'registry-image': optional,
  preload: z.string().transform(lines),
  mirrors: z.string().transform(words),
});

export type ActionInputs = z.infer<typeof schema>;

export function readInputs(read: ReadInput): ActionInputs {
  const raw = Object.fromEntries(INPUT_NAMES.map((name) => [name, read(name)]));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(`input ${String(issue.path[0])}`, issue.message.replace(/^input \S+ /, ''));
  }
  return parsed.data;
}

export function planOptionsFromInputs(inputs: ActionInputs, cwd: string, env: NodeJS.ProcessEnv): PlanOptions {
  return {
    cwd,
    env,
    ...(inputs.config !== undefined && { config: inputs.config }),
    ...(inputs.from.length > 0 && { from: inputs.from }),
    ...(inputs.registry !== undefined && { registry: inputs.registry }),
    flags: inputs.flags,
    ...(inputs['skip-preload'] === true && { skipPreload: true }),
    ...(inputs['sew-home'] !== undefined && { sewHome: inputs['sew-home'] }),
    ...(inputs['registry-image'] !== undefined && { registryImage: inputs['registry-image'] }),
    extraRefs: inputs.preload,
    extraUpstreams: inputs.mirrors,
  };
}
