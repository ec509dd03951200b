// The value types of the options (options.ts), and the one function that turns what the CLI
// or the action was given into typed values, with the same message from both.
import * as z from 'zod';
import { setProblem } from '../config/variables.js';
import { InputError } from '../errors.js';
import { CACHE_REGISTRY_MODES, parseCacheRegistry } from '../images/cache-registry.js';
import { normaliseReference, ImageReferenceError } from '../images/reference.js';
import { CLUSTER_NAME_RULE, FLAG_NAME_RULE, isClusterName, isFlagName } from '../input/checks.js';
import { DURATION_HINT, goDurationMs } from '../kind/duration.js';
import { platformProblem } from '../oci/platform.js';
import { CACHE_ENTRIES, declaration, OPTIONS, SAVE_POLICIES, type OptionName, type ValueKind, type Where } from './options.js';

const KIND_VERSION = /^v\d+\.\d+\.\d+$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/;

const text = z.string().trim().min(1, 'needs a value');
/** A value the pattern accepts; the message shows what was given. */
const matching = (hint: string, ok: (value: string) => boolean) => text.refine(ok, { error: (issue) => `must be ${hint}, not "${String(issue.input)}"` });

/** The value as given, once `parse` (which throws an ImageReferenceError) accepts it. */
const checkedBy = (parse: (value: string) => unknown) =>
  text.transform((v, ctx) => {
    try {
      parse(v);
      return v;
    } catch (err) {
      if (!(err instanceof ImageReferenceError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message });
      return z.NEVER;
    }
  });

const VALUE_TYPES = {
  boolean: z.string().transform((value, ctx) => {
    const v = value.trim().toLowerCase();
    if (['true', 'yes', '1'].includes(v)) return true;
    if (['false', 'no', '0'].includes(v)) return false;
    ctx.addIssue({ code: 'custom', message: `must be true or false, not "${value}"` });
    return z.NEVER;
  }),
  text,
  path: text,
  setting: text.refine((v) => setProblem(v) === undefined, { error: (issue) => `must be KEY=VALUE (KEY a variable name, or context.path.name), not "${String(issue.input)}"` }),
  duration: matching(DURATION_HINT, (v) => goDurationMs(v) !== undefined),
  clusterName: text.refine(isClusterName, { error: (issue) => `${CLUSTER_NAME_RULE}, not "${String(issue.input)}"` }),
  // `--no-es` and `no-es` name the same flag.
  flagName: text.transform((v) => v.replace(/^--/, '')).refine(isFlagName, { error: (issue) => `${FLAG_NAME_RULE}, not "${String(issue.input)}"` }),
  image: checkedBy(normaliseReference),
  cacheRegistry: checkedBy(parseCacheRegistry),
  envName: matching('an environment variable name', (v) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(v)),
  kindVersion: matching('a kind release such as v0.24.0', (v) => KIND_VERSION.test(v)),
  kubectlVersion: matching('a kubectl release such as v1.31.0', (v) => KIND_VERSION.test(v)),
  platform: text.superRefine((v, ctx) => {
    const problem = PLATFORM.test(v) ? platformProblem(v) : `must be os/arch[/variant], e.g. linux/amd64, not "${v}"`;
    if (problem !== undefined) ctx.addIssue({ code: 'custom', message: problem });
  }),
  cacheRegistryMode: matching(CACHE_REGISTRY_MODES.join(' or '), (v) => (CACHE_REGISTRY_MODES as readonly string[]).includes(v)).transform((v) => v as (typeof CACHE_REGISTRY_MODES)[number]),
  savePolicy: matching(SAVE_POLICIES.join(', '), (v) => (SAVE_POLICIES as readonly string[]).includes(v)).transform((v) => v as (typeof SAVE_POLICIES)[number]),
  cacheEntry: matching(CACHE_ENTRIES.join(', '), (v) => (CACHE_ENTRIES as readonly string[]).includes(v)).transform((v) => v as (typeof CACHE_ENTRIES)[number]),
} satisfies Record<ValueKind, z.ZodType<unknown, string>>;

type Decl<N extends OptionName> = (typeof OPTIONS)[N];
type ValueOf<N extends OptionName> = z.output<(typeof VALUE_TYPES)[Decl<N>['value']]>;

/** Every option's typed value; absent when not given and without a default. */
export type OptionValues = { readonly [N in OptionName]?: Decl<N> extends { repeat: string } ? ValueOf<N>[] : ValueOf<N> };

/**
 * What one adapter read, before checking: the strings given per option (several for a
 * repeated option), or a boolean for a CLI switch. Options not given are left out.
 */
export type RawValues = Partial<Record<OptionName, readonly string[] | boolean>>;

/** Typed values of everything given, and the defaults of what was not; an InputError at the first bad one. */
export function checkValues(raw: RawValues, where: Where): OptionValues {
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(OPTIONS) as OptionName[]) {
    const given = raw[name];
    const { repeat, default: fallback } = declaration(name);
    if (typeof given === 'boolean') values[name] = given;
    else if (given !== undefined) values[name] = repeat ? given.map((one) => checkOne(name, one, where)) : checkOne(name, given[given.length - 1]!, where);
    else if (fallback !== undefined) values[name] = checkOne(name, fallback, where);
    else if (declaration(name).value === 'boolean') values[name] = false;
  }
  return values as OptionValues;
}

function checkOne(name: OptionName, value: string, where: Where): unknown {
  const parsed = VALUE_TYPES[declaration(name).value].safeParse(value);
  if (!parsed.success) throw new InputError(where(name), parsed.error.issues[0]!.message);
  return parsed.data;
}
