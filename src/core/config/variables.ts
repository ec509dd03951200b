// Which value each template variable of a file takes, with sew's precedence, lowest first:
//   1. the file's own default;
//   2. a plain `--set k=v`, only where the file declares `k`;
//   3. path-scoped overrides from the contexts composing it (`vars: {a: {b: {k: v}}}`);
//   4. a dotted `--set a.b.k=v` whose path `a/b` is the context's resolved path.
// Project, user and flag files take their own defaults plus every `--set` as given.
import { InputError } from '../errors.js';
import { closest } from './document.js';
import type { VarOverride, VarsBlock } from './vars.js';

/** Overrides a context received, by target path: path -> name -> value. */
export type OverrideMap = ReadonlyMap<string, Readonly<Record<string, string>>>;

export const NO_OVERRIDES: OverrideMap = new Map();

export interface VariableReport {
  readonly name: string;
  readonly description?: string;
  readonly default: string;
  readonly value: string;
}

/** `KEY=VALUE` items, the last of a key winning. */
export function parseSets(items: readonly string[], where: string): Record<string, string> {
  const sets: Record<string, string> = {};
  for (const item of items) {
    const problem = setProblem(item);
    if (problem !== undefined) throw new InputError(where, problem);
    const at = item.indexOf('=');
    sets[item.slice(0, at).trim()] = item.slice(at + 1);
  }
  return sets;
}

/** Why `item` is not a `KEY=VALUE` pair, or undefined when it is one. */
export function setProblem(item: string): string | undefined {
  const at = item.indexOf('=');
  const key = at === -1 ? '' : item.slice(0, at).trim();
  if (/^[A-Za-z_][A-Za-z0-9_/-]*(\.[A-Za-z0-9_/-]+)*$/.test(key)) return undefined;
  return `"${item}" must be KEY=VALUE (KEY a variable name, or context.path.name)`;
}

/** A registry context's variables. `path` is its registry path after `.default`. */
export function contextVariables(block: VarsBlock, path: string, received: OverrideMap, sets: Readonly<Record<string, string>>): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const { name, default: value } of block.declared) vars[name] = value;
  for (const [key, value] of Object.entries(sets)) {
    if (!key.includes('.') && Object.hasOwn(vars, key)) vars[key] = value;
  }
  Object.assign(vars, received.get(path) ?? {});
  for (const [key, value] of Object.entries(sets)) {
    const name = scopedName(key, path);
    if (name !== undefined) vars[name] = value;
  }
  return vars;
}

/**
 * `--set` keys no composed file declares nor reads: sew takes them silently, so a mistyped key
 * would change nothing unnoticed. A top-level or flag file sees every --set, so one its
 * template reads undeclared is used. A dotted key must name a composed context's path and a
 * variable it declares.
 */
export function unusedSets(
  sets: Readonly<Record<string, string>>,
  files: readonly { readonly path?: string; readonly variables: readonly VariableReport[] }[],
  read: ReadonlySet<string>,
  setWhere = '--set',
): string[] {
  const plain = [...new Set(files.flatMap((f) => f.variables.map((v) => v.name)))];
  const scoped = [...new Set(files.flatMap((f) => (f.path === undefined ? [] : f.variables.map((v) => `${f.path!.replaceAll('/', '.')}.${v.name}`))))];
  const warnings: string[] = [];
  for (const key of Object.keys(sets)) {
    const known = key.includes('.') ? scoped : plain;
    if (known.includes(key) || read.has(key)) continue;
    // A dotted key with a wrong path is nearest to the same variable under a composed path.
    const near = closest(key, known) ?? (key.includes('.') ? known.find((k) => k.endsWith(`.${key.split('.').at(-1)}`)) : undefined);
    warnings.push(`${setWhere} ${key}: no composed file declares or reads this variable${near !== undefined ? `; did you mean ${near}?` : ''}`);
  }
  return warnings;
}

/** A top-level or flag file's variables: its own defaults, then every `--set`. */
export function flatVariables(block: VarsBlock, sets: Readonly<Record<string, string>>): Record<string, string> {
  return { ...Object.fromEntries(block.declared.map((d) => [d.name, d.default])), ...sets };
}

/** What a context passes to its parents: what it received, with its own overrides over it. */
export function passOn(received: OverrideMap, own: readonly VarOverride[]): OverrideMap {
  const out = new Map<string, Record<string, string>>([...received].map(([path, vars]) => [path, { ...vars }]));
  for (const { path, name, value } of own) out.set(path, { ...out.get(path), [name]: value });
  return out;
}

export function reportVariables(block: VarsBlock, values: Readonly<Record<string, string>>): VariableReport[] {
  return block.declared.map((d) => ({
    name: d.name,
    ...(d.description !== undefined && { description: d.description }),
    default: d.default,
    value: values[d.name] ?? d.default,
  }));
}

/**
 * The variable a dotted key names in the context at `path`: the key's segments before the
 * variable, joined with `/`, must be the path (sew matches the longest such prefix).
 */
function scopedName(key: string, path: string): string | undefined {
  const parts = key.split('.');
  for (let i = parts.length - 1; i >= 1; i--) {
    if (parts.slice(0, i).join('/') === path) return parts.slice(i).join('.');
  }
  return undefined;
}
