// sew's layered resolution: the user-level file, then the project file, each preceded by
// the contexts its `from` names (left to right, recursively), then activated context flags.
// Each file is rendered as a template with its own variables before it is parsed (see
// variables.ts). The result is the ordered list of layers; merging them is merge.ts's job.
// Each layer is trusted (written by the user) or fetched; trust.ts says what a fetched one
// may not do. Each context is resolved once per set of variables (memoised), and the whole
// resolution is bounded by a budget (budget.ts), so no registry can make it unbounded.
import { existsSync } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { InputError, UnknownContextFlagError } from '../errors.js';
import { displayUrl } from '../format.js';
import { refuseNonRegular } from '../fs/regular-file.js';
import { userPath } from '../paths.js';
import { Budget, type ResolutionLimits } from './budget.js';
import { parseConfig, type ConfigDocument } from './document.js';
import { findFlags, type FlagInfo } from './flags.js';
import { localPath, type Layer, type LayerOrigin } from './layer.js';
import { renderFile } from './render.js';
import type { SourceReader } from './sources.js';
import { contextVariables, flatVariables, NO_OVERRIDES, passOn, reportVariables, unusedSets, type OverrideMap } from './variables.js';
import { checkFetchedLayer, envReader, inside } from './trust.js';
import { readVarsBlock, type VarsBlock } from './vars.js';

/** sew's embedded default: where `from` looks when no `registry` is given. */
const DEFAULT_CONTEXT_REGISTRY = 'https://a-cordier.github.io/sew/';

export interface ComposeRequest {
  readonly cwd: string;
  /** How the surface names its flags option (`input flags`); undefined names a flag as typed, `--no-es`. */
  readonly flagsWhere?: string;
  /** How this surface names `--set` in a warning (`input set` in the action). */
  readonly setWhere?: string;
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
  /** --allow-env NAME: variables a fetched context's `env` may read, besides HOME and USER. */
  readonly allowEnv?: readonly string[];
  /** Cancels the resolution (an interrupt). */
  readonly signal?: AbortSignal;
  /** Bounds of the whole resolution (budget.ts); defaults there. */
  readonly limits?: ResolutionLimits;
  /**
   * false: leave out the user-level `$SEW_HOME/sew.yaml`. For keys written on one machine and
   * checked on another (a committed key file), which must not depend on whose machine it is.
   */
  readonly userConfig?: boolean;
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
const EMBEDDED_DEFAULT = 'kind:\n  name: sew\nimages:\n  mirrors: {}\n';

export async function compose(request: ComposeRequest, reader: SourceReader): Promise<Composition> {
  const composer = new Composer(reader, request);
  const userFile = join(request.sewHome, 'sew.yaml');
  const projectFile = request.config !== undefined ? userPath(request.config, request.cwd, request.env) : join(request.cwd, 'sew.yaml');
  if (request.config !== undefined && !existsSync(projectFile)) {
    throw new InputError('--config', `${request.config} does not exist`);
  }
  await refuseNonRegular(projectFile, request.config !== undefined ? 'config' : 'sew.yaml');
  if (request.userConfig !== false) await refuseNonRegular(userFile, '$SEW_HOME/sew.yaml');

  const tops: { file: string; origin: LayerOrigin; overrides: boolean }[] = [];
  if (request.userConfig !== false && existsSync(userFile)) tops.push({ file: userFile, origin: 'user', overrides: false });
  if (existsSync(projectFile)) tops.push({ file: projectFile, origin: 'project', overrides: true });

  const hasOverrides = request.from !== undefined || request.registry !== undefined;
  if (tops.length === 0 && !hasOverrides) {
    const doc = parseConfig('<embedded default>', EMBEDDED_DEFAULT);
    composer.layers.push({ doc, origin: 'default', dir: pathToFileURL(`${request.cwd}/`), variables: [], trusted: true });
    return { ...(await composer.applyFlags(request.flags ?? [])), embeddedDefault: true };
  }
  if (hasOverrides && !tops.some((t) => t.overrides)) {
    if (request.from === undefined) throw new InputError('--registry', 'there is no sew.yaml whose `from` it would apply to; add --from');
    const synthetic = composer.load('--from', '', pathToFileURL(`${request.cwd}/`), true);
    composer.layers.push(...(await composer.expandTop(synthetic, 'project', request)));
  }
  for (const top of tops) {
    const name = displayName(top.file, request.cwd);
    const text = (await composer.read(pathToFileURL(top.file), name)) ?? '';
    const loaded = composer.load(name, text, pathToFileURL(`${dirname(top.file)}/`), true);
    composer.layers.push(...(await composer.expandTop(loaded, top.origin, top.overrides ? request : {})));
  }
  return composer.applyFlags(request.flags ?? []);
}

interface Loaded {
  readonly doc: ConfigDocument;
  readonly dir: URL;
  readonly block: VarsBlock;
  readonly values: Readonly<Record<string, string>>;
  readonly trusted: boolean;
}

class Composer {
  readonly layers: Layer[] = [];
  private readonly warnings: string[] = [];
  private readonly sets: Readonly<Record<string, string>>;
  /** Variables some file's template read: a --set no file declares may still be read. */
  private readonly readVariables = new Set<string>();
  private readonly budget: Budget;
  /** Each file read once: a composition naming one file many times costs one read. */
  private readonly texts = new Map<string, Promise<string | undefined>>();
  /** A context with its parents, by file and the variables it was given: diamonds stay linear. */
  private readonly resolved = new Map<string, Promise<Layer[]>>();
  /** Local registry roots the user named (in a trusted layer or option); files under them are trusted. */
  private readonly trustedRoots: URL[] = [];

  constructor(
    private readonly reader: SourceReader,
    private readonly request: ComposeRequest,
  ) {
    this.sets = request.sets ?? {};
    this.budget = new Budget(request.limits, request.signal);
  }

  /** The text at `url`, read once and charged to the budget. */
  read(url: URL, where: string): Promise<string | undefined> {
    let text = this.texts.get(url.href);
    if (text === undefined) {
      this.budget.check();
      text = this.reader.read(url, this.budget.signal).then(
        (t) => {
          this.budget.check();
          if (t !== undefined) this.budget.charge(where, Buffer.byteLength(t));
          return t;
        },
        (err: unknown) => {
          // A fetch cancelled by the budget or an interrupt fails as that, not as the fetch.
          this.budget.check();
          throw err;
        },
      );
      this.texts.set(url.href, text);
    }
    return text;
  }

  /** A top-level or flag file: rendered with its own defaults and every --set. */
  load(name: string, text: string, dir: URL, trusted: boolean): Loaded {
    const block = readVarsBlock(name, text);
    return this.parse(name, text, dir, block, flatVariables(block, this.sets), trusted);
  }

  private parse(name: string, text: string, dir: URL, block: VarsBlock, values: Readonly<Record<string, string>>, trusted: boolean): Loaded {
    const env = envReader(this.request.env, trusted, this.request.allowEnv ?? []);
    const doc = parseConfig(name, renderFile(name, text, values, env, (variable) => this.readVariables.add(variable)));
    if (!trusted) checkFetchedLayer(doc, this.request.sewHome, (path) => localPath(path, dir, this.request.env, this.request.cwd));
    this.warnings.push(...doc.warnings);
    return { doc, dir, block, values, trusted };
  }

  /** Whether a context at `dir` is under a local registry root the user named. */
  private trusts(dir: URL): boolean {
    return dir.protocol === 'file:' && this.trustedRoots.some((root) => dir.href.startsWith(root.href));
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
    if (own && root.protocol === 'file:') this.trustedRoots.push(root);
    // As in sew, only contexts pass path-scoped overrides on; a top-level file's are unused.
    for (const o of top.block.overrides) {
      this.warnings.push(`${top.doc.name}: vars ${o.path.replaceAll('/', '.')}.${o.name} overrides a context's variable only from a context; here use --set ${o.path.replaceAll('/', '.')}.${o.name}=${o.value}`);
    }
    const layers = await this.expand(from, fromWhere, root, NO_OVERRIDES, [fileKey(top)], true);
    layers.push({ doc: top.doc, origin, dir: top.dir, variables: reportVariables(top.block, top.values), trusted: true });
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
    let layers: Layer[] = [];
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
      const values = contextVariables(block, context.path, overrides, this.sets);
      const passed = passOn(overrides, block.overrides);
      const memo = JSON.stringify([key, root.href, values, [...passed]]);
      let resolved = this.resolved.get(memo);
      if (resolved === undefined) {
        resolved = this.resolve(context, display, block, values, passed, root, [...stack, key]);
        this.resolved.set(memo, resolved);
      }
      const own = await resolved;
      // sew refuses an abstract context only when it is all a run would deploy.
      if (topLevel && from.length === 1 && own.at(-1)!.doc.value.abstract === true) {
        throw new InputError(where, `context "${name}" is abstract: compose it together with a concrete context, not alone`);
      }
      layers = lastOccurrences([...layers, ...own]);
    }
    return layers;
  }

  /** One context, preceded by its parents. */
  private async resolve(
    context: FoundContext,
    display: string,
    block: VarsBlock,
    values: Readonly<Record<string, string>>,
    passed: OverrideMap,
    root: URL,
    stack: readonly string[],
  ): Promise<Layer[]> {
    const trusted = this.trusts(context.dir);
    const { doc } = this.parse(display, context.text, context.dir, block, values, trusted);
    const registry = doc.value.registry !== undefined ? registryRoot(doc.value.registry, context.dir, doc.where(['registry'])) : root;
    // A local registry a trusted layer names is one the user named; one a fetched layer names is not.
    if (trusted && registry.protocol === 'file:') this.trustedRoots.push(registry);
    // A fetched context may name other remote registries, never local files. (Every untrusted
    // context is a fetched one: local roots come only from trusted layers.)
    if (context.dir.protocol !== 'file:' && registry.protocol === 'file:') {
      throw new InputError(doc.where(['registry']), 'a context fetched over http(s) cannot name a local registry');
    }
    if (doc.value.builds?.length) this.warnings.push(`${doc.where(['builds'])}: "builds" has no effect in a context, as in sew; declare builds in your sew.yaml`);
    const layers = await this.expand(fromList(doc), (j) => doc.where(['from', j]), registry, passed, stack, false);
    return [...layers, { doc, origin: 'context', dir: context.dir, path: context.path, variables: reportVariables(block, values), trusted, ancestors: new Set(layers) }];
  }

  /** A context is a directory with a sew.yaml, or with a .default naming the context to follow. */
  private async locate(root: URL, name: string, where: string): Promise<FoundContext> {
    let dir = within(root, name, where);
    const seen = new Set<string>();
    for (;;) {
      const file = new URL('sew.yaml', dir);
      const text = await this.readWithin(root, file);
      if (text !== undefined) return { file, dir, path: relativeTo(root, dir).replace(/\/$/, ''), text };
      if (seen.has(dir.href)) throw new InputError(where, `.default files loop at ${this.display(dir)}`);
      seen.add(dir.href);
      const pointer = new URL('.default', dir);
      const next = (await this.readWithin(root, pointer))?.trim();
      if (next === undefined || next === '') {
        throw new InputError(where, `context "${name}" not found: no sew.yaml or .default in ${this.display(dir)}`);
      }
      // Never quoted unless it looks like a context path: the file could hold anything.
      if (next.length > 256 || !/^[A-Za-z0-9._/-]+$/.test(next)) throw new InputError(this.display(pointer), 'is not a context path (one line naming a context)');
      dir = within(root, relativeTo(root, dir) + next, this.display(pointer));
    }
  }

  /**
   * A file of a local registry, read only when its real path (symlinks resolved) is still
   * under the root's: a symlink must not reach files the registry does not hold.
   */
  private async readWithin(root: URL, file: URL): Promise<string | undefined> {
    if (file.protocol === 'file:' && root.protocol === 'file:') {
      const [real, realRoot] = await Promise.all([realpathOrUndefined(fileURLToPath(file)), realpathOrUndefined(fileURLToPath(root))]);
      if (real === undefined) return undefined;
      if (realRoot === undefined || !inside(realRoot, real)) {
        throw new InputError(this.display(file), `is a link to a file outside its registry root ${this.display(root)}; refused`);
      }
    }
    return this.read(file, this.display(file));
  }

  async applyFlags(requested: readonly string[]): Promise<Composition> {
    // The nearest (most derived) definition of a flag wins.
    const places = [...this.layers].reverse().filter((l, i, all) => all.findIndex((o) => o.dir.href === l.dir.href) === i);
    // Flag files are read like contexts: once, within the budget, never through a link leaving their directory.
    const flagReader: SourceReader = {
      read: (url) => this.readWithin(new URL('./', url), url),
      list: (url) => this.reader.list(url),
      warnings: () => this.reader.warnings(),
    };
    const available = await findFlags(places, flagReader, (url) => this.display(url));
    const trustedDirs = new Set(this.layers.filter((l) => l.trusted).map((l) => l.dir.href));
    const flagLayers: Layer[] = [];
    for (const name of unique(requested)) {
      const found = available.find((f) => f.info.name === name);
      if (!found) throw new UnknownContextFlagError(name, available.map((f) => f.info.name), this.request.flagsWhere);
      const dir = new URL('./', found.url);
      const text = await flagReader.read(found.url);
      if (text === undefined) throw new InputError(`--${name}`, `${found.info.file} is listed but missing`);
      const trusted = trustedDirs.has(dir.href);
      const { doc, block, values } = this.load(found.info.file, text, dir, trusted);
      for (const key of ['from', 'registry', 'abstract', 'builds'] as const) {
        if (doc.value[key] !== undefined) this.warnings.push(`${doc.where([key])}: "${key}" has no effect in a context flag file`);
      }
      flagLayers.push({ doc, origin: 'flag', dir, variables: reportVariables(block, values), trusted });
    }
    const layers = [...this.layers, ...flagLayers];
    return {
      layers,
      flags: unique(requested),
      available: available.map((f) => f.info),
      warnings: unique([...this.warnings, ...unusedSets(this.sets, layers, this.readVariables, this.request.setWhere), ...this.reader.warnings()]),
      embeddedDefault: false,
    };
  }

  private display(url: URL): string {
    if (url.protocol !== 'file:') return displayUrl(url);
    return displayName(decodeURIComponent(url.pathname), this.request.cwd);
  }
}

interface FoundContext {
  readonly file: URL;
  readonly dir: URL;
  readonly path: string;
  readonly text: string;
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/** `layers` with each layer kept only at its last place: a context composed twice applies once, where it last applies. */
function lastOccurrences(layers: readonly Layer[]): Layer[] {
  const last = new Map(layers.map((layer, i) => [layer, i]));
  return layers.filter((layer, i) => last.get(layer) === i);
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
