// A context file's `vars:` block, read from the raw text before it is rendered (the rest of
// the file is a template and need not be YAML yet). Each entry is either a declaration of
// this file's variable (`name: "v"` or `name: {default, description}`) or, as a mapping
// without `default`, a path segment: an override, from this file, of a variable of the
// context at that path (`postgresql: {standalone: {imageTag: "16"}}`).
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import { InputError } from '../errors.js';
import { duplicateKey } from './yaml.js';

export interface VarDeclaration {
  readonly name: string;
  readonly default: string;
  readonly description?: string;
}

export interface VarOverride {
  /** The overridden context's registry path, e.g. `postgresql/standalone`. */
  readonly path: string;
  readonly name: string;
  readonly value: string;
}

export interface VarsBlock {
  readonly declared: readonly VarDeclaration[];
  readonly overrides: readonly VarOverride[];
}

const EMPTY: VarsBlock = { declared: [], overrides: [] };

/** The top-level `vars:` block of `text`; `name` is what errors in it are reported against. */
export function readVarsBlock(name: string, text: string): VarsBlock {
  const block = isolate(text);
  if (block === undefined) return EMPTY;
  // A key may repeat, as sew walks every entry of the raw node: `mysql: {standalone: {a}}`
  // and a later `mysql: {standalone: {b}}` both apply.
  const lines = new LineCounter();
  const doc = parseDocument(block.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (node: unknown) => {
    const offset = (node as { range?: [number] } | undefined)?.range?.[0] ?? 0;
    return `${name}:${lines.linePos(offset).line + block.firstLine}`;
  };
  const error = doc.errors[0];
  if (error) throw new InputError(`${name}:${lines.linePos(error.pos[0]).line + block.firstLine}`, `vars: ${error.message.split('\n')[0]}`);
  const duplicate = duplicateKey(doc);
  if (duplicate) throw new InputError(at({ range: [duplicate.offset] }), `vars: ${duplicate.message}`);
  const vars = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'vars')?.value : undefined;
  if (vars === undefined || vars === null || (isScalar(vars) && vars.value === null)) return EMPTY;
  if (!isMap(vars)) throw new InputError(at(vars), '"vars" must be a mapping of variable names');

  const declared: VarDeclaration[] = [];
  const overrides: VarOverride[] = [];
  for (const pair of vars.items) {
    const key = keyOf(pair.key, at);
    const value = pair.value as Node | null;
    if (isMap(value) && !hasDefault(value)) {
      collectOverrides(value, key, overrides, at);
    } else {
      const { text: dflt, description } = leaf(value, key, at);
      declared.push({ name: key, default: dflt, ...(description !== undefined && { description }) });
    }
  }
  return { declared, overrides };
}

function collectOverrides(node: Node, path: string, out: VarOverride[], at: (n: unknown) => string): void {
  if (!isMap(node)) return;
  for (const pair of node.items) {
    const key = keyOf(pair.key, at);
    const value = pair.value as Node | null;
    if (isMap(value) && !hasDefault(value)) collectOverrides(value, `${path}/${key}`, out, at);
    else out.push({ path, name: key, value: leaf(value, `${path}/${key}`, at).text });
  }
}

function leaf(node: Node | null, name: string, at: (n: unknown) => string): { text: string; description?: string } {
  if (node === null || isScalar(node)) return { text: scalarText(node) };
  if (isMap(node)) {
    const get = (field: string) => node.items.find((p) => isScalar(p.key) && p.key.value === field)?.value as Node | null | undefined;
    const dflt = get('default');
    const description = get('description');
    for (const field of [dflt, description]) {
      if (field !== undefined && field !== null && !isScalar(field)) throw new InputError(at(field), `variable "${name}": default and description must be plain values`);
    }
    return { text: scalarText(dflt ?? null), ...(description !== undefined && description !== null && { description: scalarText(description) }) };
  }
  throw new InputError(at(node), `variable "${name}" must be a value or {default, description}`);
}

function hasDefault(node: Node): boolean {
  return isMap(node) && node.items.some((p) => isScalar(p.key) && p.key.value === 'default');
}

function keyOf(key: unknown, at: (n: unknown) => string): string {
  if (!isScalar(key) || key.value === null || typeof key.value === 'object') throw new InputError(at(key), 'variable names must be plain keys');
  return String(key.value);
}

/** Variables are strings, as sew reads them: the scalar as written, null as empty. */
function scalarText(node: Node | null | undefined): string {
  if (node === null || node === undefined || !isScalar(node) || node.value === null) return '';
  return typeof node.source === 'string' ? node.source : String(node.value);
}

/** The lines of the top-level `vars:` key, up to the next top-level key. */
function isolate(text: string): { text: string; firstLine: number } | undefined {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^vars\s*:/.test(l));
  if (start === -1) return undefined;
  let end = start + 1;
  while (end < lines.length && !/^[^\s#]/.test(lines[end]!)) end++;
  return { text: lines.slice(start, end).join('\n'), firstLine: start };
}
