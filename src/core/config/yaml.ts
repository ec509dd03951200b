// Every YAML file sew-ci reads from a registry goes through here, so each is parsed in time
// linear in its size and its errors name file:line:col with a short reason, never the
// text of the offending line (a file may be a symlink to secrets).
//   - The yaml library's own duplicate-key check compares each key with every earlier one
//     (50k keys took minutes); keys are checked here with one set per mapping instead.
//   - Aliases are expanded with the library's count limit, reported as bad input where the
//     first alias is, not as a crash.
//   - Merge keys (`<<: {hostPath: /}`) are resolved here, as sew's and kind's YAML readers
//     resolve them, so every check reads the keys a file really sets. A quoted "<<" is no
//     merge key here but would be one in the Kind config sew-ci writes: refused.
import { isMap, isScalar, LineCounter, parseDocument, visit, type Document, type Node, type Scalar } from 'yaml';
import { InputError } from '../errors.js';

export interface YamlFile {
  readonly doc: Document;
  /** `name:line:col` of a character offset. */
  at(offset: number): string;
  /** The document as plain values, aliases expanded within bounds. */
  toJS(): unknown;
}

/** How many alias expansions a file may make (the yaml library's default, named). */
const MAX_ALIAS_COUNT = 100;

export function readYaml(name: string, text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false, merge: true });
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `${name}:${line}:${col}`;
  };
  const error = doc.errors[0];
  if (error) throw new InputError(at(error.pos[0]), reasonOf(error.message));
  const duplicate = duplicateKey(doc);
  if (duplicate) throw new InputError(at(duplicate.offset), duplicate.message);
  const quoted = firstPair(doc, (key) => key.value === MERGE_KEY);
  if (quoted !== undefined) throw new InputError(at(quoted), 'a quoted "<<" key is refused: the Kind config would read it as a merge key');
  return {
    doc,
    at,
    toJS() {
      try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (err) {
        if (err instanceof ReferenceError || err instanceof RangeError) {
          throw new InputError(at(firstAlias(doc) ?? 0), `too many alias expansions (more than ${MAX_ALIAS_COUNT}); write the values out`);
        }
        // The library's one other refusal while building values: `<<: 3`.
        const merge = firstPair(doc, (key) => typeof key.value === 'symbol');
        if (merge === undefined) throw err;
        throw new InputError(at(merge), 'a "<<" merge key must name a mapping or a list of mappings');
      }
    },
  };
}

/** The first key written twice in one mapping, found in time linear in the keys. */
export function duplicateKey(doc: Document): { offset: number; message: string } | undefined {
  let found: { offset: number; message: string } | undefined;
  const vars = varsRange(doc);
  visit(doc, {
    Map(_, map) {
      // sew reads `vars` as a raw YAML node, so a key repeated inside it is no error there (the
      // published gravitee-io/oss/am/jdbc/mysql repeats `mysql:`); anywhere else it is.
      const start = map.range?.[0];
      if (vars && start !== undefined && start >= vars[0] && start < vars[1]) return undefined;
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (seen.has(key)) {
          found = { offset: pair.key.range?.[0] ?? 0, message: `Map keys must be unique ("${clip(key)}" is written twice)` };
          return visit.BREAK;
        }
        seen.add(key);
      }
      return undefined;
    },
  });
  return found;
}

/** Where the top-level `vars` value is, as [start, end) offsets. */
function varsRange(doc: Document): [number, number] | undefined {
  if (!isMap(doc.contents)) return undefined;
  const value = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'vars')?.value as { range?: [number, number, number] } | null | undefined;
  return value?.range ? [value.range[0], value.range[2]] : undefined;
}

/** A key the library did not take as a merge key (it quoted, or tagged): its merge keys are symbols. */
const MERGE_KEY = '<<';

/** Where the first pair whose scalar key passes `test` is. */
function firstPair(doc: Document, test: (key: Scalar) => boolean): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !test(pair.key)) return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

function firstAlias(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Alias(_, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  return offset;
}

/** The library's first line, without the position (we name it) or any quoted source. */
function reasonOf(message: string): string {
  return message
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '')
    .slice(0, 120);
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}

/** The pair of `map` whose plain key is `key`, found through an index built once per mapping. */
export function pairOf(map: Node, key: string): { key: unknown; value: unknown } | undefined {
  if (!isMap(map)) return undefined;
  let index = KEY_INDEX.get(map);
  if (index === undefined) {
    index = new Map();
    for (const pair of map.items) if (isScalar(pair.key) && !index.has(String(pair.key.value))) index.set(String(pair.key.value), pair);
    KEY_INDEX.set(map, index);
  }
  return index.get(key);
}

const KEY_INDEX = new WeakMap<object, Map<string, { key: unknown; value: unknown }>>();
