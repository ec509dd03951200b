// sew's layered resolution: the user-level file, then the project file, each preceded by
// the contexts its `from` names (left to right, recursively), then activated context flags.
// Each file is rendered as a template with its own variables before it is parsed (see
// variables.ts). The result is the ordered list of layers; merging them is merge.ts's job.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { displayUrl } from '../format.js';
import { parseConfig, type ConfigDocument } from './document.js';
import { findFlags, type FlagInfo } from './flags.js';
import { renderFile } from './render.js';
import type { SourceReader } from './sources.js';
import { contextVariables, flatVariables, NO_OVERRIDES, passOn, reportVariables, type OverrideMap, type VariableReport } from './variables.js';
import { readVarsBlock, type VarsBlock } from './vars.js';

/** sew's embedded default: where `from` looks when no `registry` is given. */
export const DEFAULT_CONTEXT_REGISTRY = 'https://a-cordier.github.io/sew/';

export interface ComposeRequest {
  readonly cwd: string;
  readonly sewHome: string;
  /** The environment templates' `env` reads. */
  readonly env: NodeJS.ProcessEnv;
  /** --config: the project file, instead of ./sew.yaml. */
  readonly config?: string;
  /** --from: replaces the project file's `from`. */
  readonly from?: readonly string[];
  /** --registry: replaces the project file's `registry`. */
  readonly registry?: string;
  /** Context flags to activate, without the leading dashes. */
  readonly flags?: readonly string[];
  /** --set KEY=VALUE: template variables. */
  readonly sets?: Readonly<Record<string, string>>;
}

export type LayerOrigin = 'default' | 'user' | 'context' | 'project' | 'flag';

export interface Layer {
  readonly doc: ConfigDocument;
  readonly origin: LayerOrigin;
  /** The directory of the file, against which paths written in it resolve. */
  readonly dir: URL;
  /** A context's path in its registry, after `.default`. */
  readonly path?: string;
  /** The variables the file declared, with the values it was rendered with. */
  readonly variables: readonly VariableReport[];
  /** For a context: how many layers just before it are its own parents (the contexts its `from` composes). */
  readonly parents?: number;
}

export interface Composition {
  /** In application order: bases first, flags last. */
  readonly layers: readonly Layer[];
  readonly flags: readonly string[];
  readonly available: readonly FlagInfo[];
  readonly warnings: readonly string[];
  readonly embeddedDefault: boolean;
}

/** With no sew.yaml anywhere, sew-ci still does its job: cache docker.io for a cluster named sew. */
export const EMBEDDED_DEFAULT = 'kind:\n  name: sew\nimages:\n  mirrors: {}\n';

export async function compose(request: ComposeRequest, reader: SourceReader): Promise<Composition> {
  const composer = new Composer(reader, request);
  const userFile = join(request.sewHome, 'sew.yaml');
  const projectFile = request.config !== undefined ? resolve(request.cwd, request.config) : join(request.cwd, 'sew.yaml');
  if (request.config !== undefined && !existsSync(projectFile)) {
    throw new InputError('--config', `${request.config} does not exist`);
  }

  const tops: { file: string; origin: LayerOrigin; overrides: boolean }[] = [];
  if (existsSync(userFile)) tops.push({ file: userFile, origin: 'user', overrides: false });
  if (existsSync(projectFile)) tops.push({ file: projectFile, origin: 'project', overrides: true });

  const hasOverrides = request.from !== undefined || request.registry !== undefined;
  if (tops.length === 0 && !hasOverrides) {
    const doc = parseConfig('<embedded default>', EMBEDDED_DEFAULT);
    composer.layers.push({ doc, origin: 'default', dir: pathToFileURL(`${request.cwd}/`), variables: [] });
    return { ...(await composer.applyFlags(request.flags ?? [])), embeddedDefault: true };
  }
  if (hasOverrides && !tops.some((t) => t.overrides)) {
    if (request.from === undefined) throw new InputError('--registry', 'there is no sew.yaml whose `from` it would apply to; add --from');
    const synthetic = composer.load('--from', '', pathToFileURL(`${request.cwd}/`));
    composer.layers.push(...(await composer.expandTop(synthetic, 'project', request)));
  }
  for (const top of tops) {
    const text = (await reader.read(pathToFileURL(top.file))) ?? '';
    const loaded = composer.load(displayName(top.file, request.cwd), text, pathToFileURL(`${dirname(top.file)}/`));
    composer.layers.push(...(await composer.expandTop(loaded, top.origin, top.overrides ? request : {})));
  }
  return composer.applyFlags(request.flags ?? []);
}

interface Loaded {
  readonly doc: ConfigDocument;
  readonly dir: URL;
  readonly block: VarsBlock;
  readonly values: Readonly<Record<string, string>>;
}

class Composer {
  readonly layers: Layer[] = [];
  private readonly warnings: string[] = [];
  private readonly sets: Readonly<Record<string, string>>;

  constructor(
    private readonly reader: SourceReader,
    private readonly request: ComposeRequest,
  ) {
    this.sets = request.sets ?? {};
  }

  /** A top-level or flag file: rendered with its own defaults and every --set. */
  load(name: string, text: string, dir: URL): Loaded {
    const block = readVarsBlock(name, text);
    return this.parse(name, text, dir, block, flatVariables(block, this.sets));
  }

  private parse(name: string, text: string, dir: URL, block: VarsBlock, values: Readonly<Record<string, string>>): Loaded {
    const doc = parseConfig(name, renderFile(name, text, values, this.request.env));
    this.warnings.push(...doc.warnings);
    return { doc, dir, block, values };
  }

  async expandTop(top: Loaded, origin: LayerOrigin, overrides: Pick<ComposeRequest, 'from' | 'registry'>): Promise<Layer[]> {
    const from = overrides.from ?? fromList(top.doc);
    const fromWhere = (i: number) => (overrides.from !== undefined ? '--from' : top.doc.where(['from', i]));
    const own =
      overrides.registry !== undefined
        ? { text: overrides.registry, where: '--registry' }
        : top.doc.value.registry !== undefined
          ? { text: top.doc.value.registry, where: top.doc.where(['registry']) }
          : undefined;
    const root = own ? registryRoot(own.text, top.dir, own.where) : new URL(DEFAULT_CONTEXT_REGISTRY);
    // As in sew, only contexts pass path-scoped overrides on; a top-level file's are unused.
    for (const o of top.block.overrides) {
      this.warnings.push(`${top.doc.name}: vars ${o.path.replaceAll('/', '.')}.${o.name} overrides a context's variable only from a context; here use --set ${o.path.replaceAll('/', '.')}.${o.name}=${o.value}`);
    }
    const layers = await this.expand(from, fromWhere, root, NO_OVERRIDES, [fileKey(top)], true);
    layers.push({ doc: top.doc, origin, dir: top.dir, variables: reportVariables(top.block, top.values) });
    return layers;
  }

  /**
   * The contexts `from` names, each preceded by its own parents. `overrides` are the
   * path-scoped variable overrides the composing files pass down.
   */
  private async expand(
    from: readonly string[],
    fromWhere: (i: number) => string,
    root: URL,
    overrides: OverrideMap,
    stack: readonly string[],
    topLevel: boolean,
  ): Promise<Layer[]> {
    const layers: Layer[] = [];
    for (const [i, name] of from.entries()) {
      const where = fromWhere(i);
      const context = await this.locate(root, name, where);
      const key = context.file.href;
      if (stack.includes(key)) {
        const cycle = [...stack, key].map((k) => this.display(new URL(k)));
        throw new InputError(where, `composition cycle: ${cycle.slice(cycle.indexOf(this.display(context.file))).join(' -> ')}`);
      }
      const display = this.display(context.file);
      const block = readVarsBlock(display, context.text);
      const loaded = this.parse(display, context.text, context.dir, block, contextVariables(block, context.path, overrides, this.sets));
      const { doc } = loaded;
      // sew refuses an abstract context only when it is all a run would deploy.
      if (topLevel && from.length === 1 && doc.value.abstract === true) {
        throw new InputError(where, `context "${name}" is abstract: compose it together with a concrete context, not alone`);
      }
      const registry = doc.value.registry !== undefined ? registryRoot(doc.value.registry, context.dir, doc.where(['registry'])) : root;
      // A fetched context is untrusted: it may name other remote registries, never local files.
      if (context.dir.protocol !== 'file:' && registry.protocol === 'file:') {
        throw new InputError(doc.where(['registry']), 'a context fetched over http(s) cannot name a local registry');
      }
      const parents = fromList(doc);
      const composed = await this.expand(parents, (j) => doc.where(['from', j]), registry, passOn(overrides, block.overrides), [...stack, key], false);
      layers.push(...composed);
      layers.push({ doc, origin: 'context', dir: context.dir, path: context.path, variables: reportVariables(block, loaded.values), parents: composed.length });
    }
    return layers;
  }

  /** A context is a directory with a sew.yaml, or with a .default naming the context to follow. */
  private async locate(root: URL, name: string, where: string): Promise<{ file: URL; dir: URL; path: string; text: string }> {
    let dir = within(root, name, where);
    const seen = new Set<string>();
    for (;;) {
      const file = new URL('sew.yaml', dir);
      const text = await this.reader.read(file);
      if (text !== undefined) return { file, dir, path: relativeTo(root, dir).replace(/\/$/, ''), text };
      if (seen.has(dir.href)) throw new InputError(where, `.default files loop at ${this.display(dir)}`);
      seen.add(dir.href);
      const next = await this.reader.read(new URL('.default', dir));
      if (next === undefined || next.trim() === '') {
        throw new InputError(where, `context "${name}" not found: no sew.yaml or .default in ${this.display(dir)}`);
      }
      dir = within(root, relativeTo(root, dir) + next.trim(), `${this.display(new URL('.default', dir))}`);
    }
  }

  async applyFlags(requested: readonly string[]): Promise<Composition> {
    // The nearest (most derived) definition of a flag wins.
    const places = [...this.layers].reverse().filter((l, i, all) => all.findIndex((o) => o.dir.href === l.dir.href) === i);
    const available = await findFlags(places, this.reader, (url) => this.display(url));
    const flagLayers: Layer[] = [];
    for (const name of unique(requested)) {
      const found = available.find((f) => f.info.name === name);
      if (!found) {
        const list = available.length ? `available: ${available.map((f) => `--${f.info.name}`).join(', ')}` : 'no context flags are defined';
        throw new InputError(`--${name}`, `unknown context flag; ${list}`);
      }
      const text = await this.reader.read(found.url);
      if (text === undefined) throw new InputError(`--${name}`, `${found.info.file} is listed but missing`);
      const { doc, block, values } = this.load(found.info.file, text, new URL('./', found.url));
      for (const key of ['from', 'registry', 'abstract'] as const) {
        if (doc.value[key] !== undefined) this.warnings.push(`${doc.where([key])}: "${key}" has no effect in a context flag file`);
      }
      flagLayers.push({ doc, origin: 'flag', dir: new URL('./', found.url), variables: reportVariables(block, values) });
    }
    return {
      layers: [...this.layers, ...flagLayers],
      flags: unique(requested),
      available: available.map((f) => f.info),
      warnings: unique([...this.warnings, ...this.reader.warnings()]),
      embeddedDefault: false,
    };
  }

  private display(url: URL): string {
    if (url.protocol !== 'file:') return displayUrl(url);
    return displayName(decodeURIComponent(url.pathname), this.request.cwd);
  }
}

function fromList(doc: ConfigDocument): readonly string[] {
  const from = doc.value.from;
  if (from === undefined) return [];
  return typeof from === 'string' ? [from] : from;
}

function fileKey(file: Loaded): string {
  return new URL('sew.yaml', file.dir).href;
}

/** `https://...`, `http://...` (only when written so), `file://rel/or/abs`, or a bare path. */
export function registryRoot(text: string, base: URL, where: string): URL {
  let url: URL;
  if (/^https?:\/\//.test(text)) {
    try {
      url = new URL(text);
    } catch {
      throw new InputError(where, `"${displayUrl(text)}" is not a valid URL`);
    }
    if (url.username || url.password) throw new InputError(where, 'a registry URL must not carry credentials');
  } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) && !text.startsWith('file://')) {
    throw new InputError(where, `unsupported registry scheme in "${displayUrl(text)}" (use file://, https:// or http://)`);
  } else {
    const path = text.replace(/^file:\/\//, '');
    url = path.startsWith('/') ? pathToFileURL(path) : new URL(path.split('/').map(encodeURIComponent).join('/'), base);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url;
}

/** The directory `name` under `root`, refusing any path that leaves it. */
function within(root: URL, name: string, where: string): URL {
  if (/^[a-z][a-z0-9+.-]*:/i.test(name) || name.startsWith('/')) {
    throw new InputError(where, `context "${name}" must be a path inside the registry, not absolute`);
  }
  const parts: string[] = [];
  for (const segment of name.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (parts.length === 0) throw new InputError(where, `context "${name}" escapes its registry root ${displayUrl(root)}`);
      parts.pop();
    } else {
      parts.push(encodeURIComponent(segment));
    }
  }
  return new URL(parts.length ? `${parts.join('/')}/` : './', root);
}

function relativeTo(root: URL, dir: URL): string {
  return decodeURIComponent(dir.href.slice(root.href.length));
}

function displayName(path: string, cwd: string): string {
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : path;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
