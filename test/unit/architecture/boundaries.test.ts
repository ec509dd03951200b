// docs/architecture.md's folder table is the rule, not a picture of it: every source file
// belongs to a row, and every import it makes (another row, or an npm package) is one its
// row allows. Move a file or add an import the table does not allow, and this fails,
// naming the file, the import and the row to change.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Row {
  /** `src/core/oci/` (a folder and everything under it) or `src/core/up.ts` (one file). */
  readonly unit: string;
  readonly imports: ReadonlySet<string>;
  readonly packages: ReadonlySet<string>;
}

const ARCHITECTURE = 'docs/architecture.md';

/** The rows of the table whose header starts `| Folder |`: unit, what it owns, may import, packages. */
function parseTable(markdown: string): Row[] {
  const lines = markdown.split('\n');
  const header = lines.findIndex((l) => /^\|\s*Folder\s*\|/.test(l));
  if (header < 0) throw new Error(`${ARCHITECTURE}: no table with a "Folder" column`);
  const rows: Row[] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    const [unit, , imports, packages] = cells;
    rows.push({ unit: ticked(unit ?? '')[0] ?? '', imports: new Set(ticked(imports ?? '')), packages: new Set(ticked(packages ?? '')) });
  }
  return rows;
}

function ticked(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** The row a file belongs to: the longest unit that names it or a folder above it. */
function rowOf(rows: readonly Row[], file: string): Row | undefined {
  return rows.filter((r) => (r.unit.endsWith('/') ? file.startsWith(r.unit) : file === r.unit)).sort((a, b) => b.unit.length - a.unit.length)[0];
}

/** A source file's row; a file outside src (package.json) stands for itself. */
function unitOf(file: string): string | undefined {
  return file.startsWith('src/') ? rowOf(rows, file)?.unit : file;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly specifier: string;
  /** The source file a relative import names; undefined for a package. */
  readonly file?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)].map(
    (m) => (m[1] ?? m[2] ?? m[3])!,
  );
  return specifiers.map((specifier) =>
    specifier.startsWith('.') ? { specifier, file: relative('.', normalize(join(dirname(file), specifier))).replace(/\.js$/, '.ts') } : { specifier },
  );
}

/** `node:fs` -> node, `@actions/core/x` -> `@actions/core`, `yaml/util` -> `yaml`. */
function packageName(specifier: string): string {
  if (specifier.startsWith('node:')) return 'node:';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const rows = parseTable(readFileSync(ARCHITECTURE, 'utf8'));
const files = sourceFiles('src').sort();

describe(`${ARCHITECTURE}: the folder table`, () => {
  it('has a row for every source file, and every row names something that exists', () => {
    expect(files.filter((f) => !rowOf(rows, f))).toEqual([]);
    expect(rows.filter((r) => !files.some((f) => rowOf(rows, f) === r)).map((r) => r.unit)).toEqual([]);
  });

  it('allows every import a source file makes', () => {
    const broken: string[] = [];
    for (const file of files) {
      const row = rowOf(rows, file);
      if (!row) continue;
      for (const imp of importsOf(file)) {
        if (imp.file) {
          const target = unitOf(imp.file);
          if (!target) broken.push(`${file}: imports ${imp.specifier}, which no row owns`);
          else if (target !== row.unit && !row.imports.has(target)) broken.push(`${file}: imports ${imp.file} (${target}), not in ${row.unit}'s "May import"`);
        } else {
          const name = packageName(imp.specifier);
          if (name !== 'node:' && !row.packages.has(name)) broken.push(`${file}: imports package ${name}, not in ${row.unit}'s "Packages"`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('lists no import a row does not use, so the table stays a true picture', () => {
    const used = new Map(rows.map((r) => [r, new Set<string>()]));
    for (const file of files) {
      const row = rowOf(rows, file);
      if (!row) continue;
      for (const imp of importsOf(file)) {
        const target = imp.file ? unitOf(imp.file) : packageName(imp.specifier);
        if (target) used.get(row)!.add(target);
      }
    }
    const unused = rows.flatMap((r) => [...r.imports, ...r.packages].filter((i) => !used.get(r)!.has(i)).map((i) => `${r.unit}: ${i}`));
    expect(unused).toEqual([]);
  });
});

describe('the import graph', () => {
  /** The first cycle in a graph, as the nodes around it, or undefined. */
  function cycleIn(edges: ReadonlyMap<string, ReadonlySet<string>>): string[] | undefined {
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (node: string): string[] | undefined => {
      if (state.get(node) === 'done') return undefined;
      if (state.get(node) === 'open') return [...path.slice(path.indexOf(node)), node];
      state.set(node, 'open');
      path.push(node);
      for (const next of edges.get(node) ?? []) {
        const found = visit(next);
        if (found) return found;
      }
      path.pop();
      state.set(node, 'done');
      return undefined;
    };
    for (const node of edges.keys()) {
      const found = visit(node);
      if (found) return found;
    }
    return undefined;
  }

  it('has no circle of files: every import leads down', () => {
    const edges = new Map(files.map((f) => [f, new Set(importsOf(f).flatMap((i) => (i.file?.startsWith('src/') ? [i.file] : [])))]));
    expect(cycleIn(edges)).toBeUndefined();
  });

  it("has no circle of rows: the table's floors stack", () => {
    const edges = new Map(rows.map((r) => [r.unit, new Set([...r.imports].filter((i) => i.startsWith('src/')))]));
    expect(cycleIn(edges)).toBeUndefined();
  });

  it.each([
    ['a loop', [['a', ['b']], ['b', ['c']], ['c', ['a']]], ['a', 'b', 'c', 'a']],
    ['a diamond', [['a', ['b', 'c']], ['b', ['d']], ['c', ['d']], ['d', []]], undefined],
  ] as const)('finds %s', (_name, graph, cycle) => {
    expect(cycleIn(new Map(graph.map(([n, to]) => [n, new Set(to)])))).toEqual(cycle);
  });
});

describe('the table parser', () => {
  it.each([
    ['a folder row with imports and packages', '| Folder | Owns | May import | Packages |\n|---|---|---|---|\n| `src/a/` | x | `src/b/`, `src/c.ts` | `yaml` |\n', [{ unit: 'src/a/', imports: ['src/b/', 'src/c.ts'], packages: ['yaml'] }]],
    ['a file row with nothing to import', '| Folder | Owns | May import | Packages |\n|---|---|---|---|\n| `src/c.ts` | y | none | |\n\nafter', [{ unit: 'src/c.ts', imports: [], packages: [] }]],
  ])('%s', (_name, markdown, expected) => {
    expect(parseTable(markdown).map((r) => ({ unit: r.unit, imports: [...r.imports], packages: [...r.packages] }))).toEqual(expected);
  });

  it('refuses a document without the table', () => {
    expect(() => parseTable('# nothing here\n')).toThrow(/no table with a "Folder" column/);
  });
});
