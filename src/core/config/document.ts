// Parses one sew.yaml into a validated value, keeping enough of the YAML document to
// name the line and column of anything wrong in it, for syntax and schema errors alike.
import { isMap, type Document } from 'yaml';
import type { z } from 'zod';
import { InputError } from '../errors.js';
import { KNOWN_TOP_LEVEL, sewFileSchema, type SewFile } from './schema.js';
import { pairOf, readYaml } from './yaml.js';

export type Path = readonly (string | number)[];

export interface ConfigDocument {
  /** What errors name: a path relative to the working directory, or a URL. */
  readonly name: string;
  readonly value: SewFile;
  /** `name:line:col` of the value at `path` (of its key with `key`), or of its nearest existing parent. */
  where(path: Path, key?: 'key'): string;
  readonly warnings: readonly string[];
}

export function parseConfig(name: string, text: string): ConfigDocument {
  const yaml = readYaml(name, text);
  const { doc, at } = yaml;
  const where = (path: Path, key?: 'key'): string => at(offsetOf(doc, path, key === 'key'));
  const raw: unknown = yaml.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw) || raw === null) {
    throw new InputError(where([]), 'a sew.yaml must be a mapping of keys to values');
  }
  // YAML's !!binary, !!set, !!timestamp... become bytes, sets, dates: nothing sew.yaml means,
  // and nothing that survives being written into a Kind config or printed as JSON.
  const exotic = nonJsonPath(raw, []);
  if (exotic) throw new InputError(where(exotic), `"${exotic.join('.')}" must be a plain YAML value (no !!binary or other typed tags)`);
  const parsed = sewFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // An unknown key is best pointed at where it is written.
    const at = issue.code === 'unrecognized_keys' ? where([...(issue.path as Path), issue.keys[0]!], 'key') : where(issue.path as Path);
    throw new InputError(at, describeIssue(issue));
  }
  const warnings = Object.keys(raw)
    .filter((key) => !(KNOWN_TOP_LEVEL as readonly string[]).includes(key))
    .map((key) => {
      const near = closest(key, KNOWN_TOP_LEVEL);
      return `${where([key], 'key')}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; carried, not used by sew-ci`;
    });
  return { name, value: parsed.data, where, warnings };
}

function nonJsonPath(value: unknown, path: Path): Path | undefined {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return undefined;
  if (Array.isArray(value)) return firstDefined(value.map((item, i) => () => nonJsonPath(item, [...path, i])));
  if (Object.getPrototypeOf(value) === Object.prototype) {
    return firstDefined(Object.entries(value as object).map(([key, item]) => () => nonJsonPath(item, [...path, key])));
  }
  return path;
}

function firstDefined<T>(checks: (() => T | undefined)[]): T | undefined {
  for (const check of checks) {
    const found = check();
    if (found !== undefined) return found;
  }
  return undefined;
}

function offsetOf(doc: Document, path: Path, atKey: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (const [i, key] of path.entries()) {
    if (!isMap(node) && !(node && typeof node === 'object' && 'items' in node)) break;
    const items = (node as { items: unknown[] }).items;
    let next: unknown;
    if (typeof key === 'number') {
      next = items[key];
    } else if (isMap(node)) {
      const pair = pairOf(node, key);
      if (!pair) break;
      // Point at the value when it exists, otherwise at the key.
      offset = rangeStart(pair.key) ?? offset;
      if (atKey && i === path.length - 1) return offset;
      next = pair.value;
    }
    const start = rangeStart(next);
    if (start === undefined) break;
    offset = start;
    node = next;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length ? `"${issue.path.join('.')}"` : 'the file';
  if (issue.code === 'unrecognized_keys') {
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} in ${field}`;
  }
  if (issue.code === 'invalid_value') return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
  if (issue.code === 'invalid_type') return `${field} must be ${article(issue.expected)}`;
  if (issue.code === 'invalid_union') return `${field} has the wrong shape`;
  if (issue.code === 'invalid_key') return `${field} is not a valid key: it ${issue.issues[0]?.message ?? 'is refused'}`;
  return `${field} ${issue.message}`;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** The known key within edit distance 2, for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: { word: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { word: candidate, distance };
  }
  return best?.word;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
