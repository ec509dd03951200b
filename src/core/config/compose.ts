// sew's layered resolution: the user-level file, then the project file, each preceded by
// the contexts its `from` names (left to right, recursively), then activated context flags.
// The result is the ordered list of layers; merging them is merge.ts's job.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, UnknownContextFlagError } from '../errors.js';
import { displayUrl } from '../format.js';
import { userPath } from '../paths.js';
import { parseConfig, type ConfigDocument } from './document.js';
import type { SourceReader } from './sources.js';

export interface ComposeRequest {
  readonly cwd: string;
  readonly sewHome: string;
  /** --config: the project file, instead of ./sew.yaml. */
  readonly config?: string;
  /** --from: replaces the project file's `from`. */
  readonly from?: readonly string[];
  /** --registry: replaces the project file's `registry`. */
  readonly registry?: string;
  /** Context flags to activate, without the leading dashes. */
  readonly flags?: readonly string[];
  /**
   * false: leave out the user-level `$SEW_HOME/sew.yaml`. For keys written on one machine and
   * checked on another (a committed key file), which must not depend on whose machine it is.
   */
  readonly userConfig?: boolean;
  /** For `~` in --config. */
  readonly env?: NodeJS.ProcessEnv;
}

export type LayerOrigin = 'default' | 'user' | 'context' | 'project' | 'flag';

export interface Layer {
  readonly doc: ConfigDocument;
  readonly origin: LayerOrigin;
  /** The directory of the file, against which paths written in it resolve. */
  readonly dir: URL;
}

export interface FlagInfo {
  readonly name: string;
  readonly description?: string;
  readonly file: string;
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

const FLAG_FILE = /^sew--([a-z0-9][a-z0-9-]*)\.ya?ml$/;

export async function compose(request: ComposeRequest, reader: SourceReader): Promise<Composition> {
  const composer = new Composer(reader, request.cwd);
  const userFile = join(request.sewHome, 'sew.yaml');
  const projectFile = request.config !== undefined ? userPath(request.config, request.cwd, request.env) : join(request.cwd, 'sew.yaml');
  if (request.config !== undefined && !existsSync(projectFile)) {
    throw new InputError('--config', `${request.config} does not exist`);
  }

  const tops: { file: string; origin: LayerOrigin; overrides: boolean }[] = [];
  if (request.userConfig !== false && existsSync(userFile)) tops.push({ file: userFile, origin: 'user', overrides: false });
  if (existsSync(projectFile)) tops.push({ file: projectFile, origin: 'project', overrides: true });

  const hasOverrides = request.from !== undefined || request.registry !== undefined;
  if (tops.length === 0 && !hasOverrides) {
    const doc = parseConfig('<embedded default>', EMBEDDED_DEFAULT);
    composer.layers.push({ doc, origin: 'default', dir: pathToFileURL(`${request.cwd}/`) });
    return { ...(await composer.applyFlags(request.flags ?? [])), embeddedDefault: true };
  }
  if (hasOverrides && !tops.some((t) => t.overrides)) {
    if (request.from === undefined) throw new InputError('--registry', 'there is no sew.yaml whose `from` it would apply to; add --from');
    composer.layers.push(...(await composer.expandTop(syntheticProject(request), 'project', request)));
  }
  for (const top of tops) {
    const text = await reader.read(pathToFileURL(top.file));
    const doc = parseConfig(displayName(top.file, request.cwd), text ?? '');
    composer.layers.push(...(await composer.expandTop({ doc, dir: pathToFileURL(`${dirname(top.file)}/`) }, top.origin, top.overrides ? request : {})));
  }
  return composer.applyFlags(request.flags ?? []);
}

interface Loaded {
  readonly doc: ConfigDocument;
  readonly dir: URL;
}

function syntheticProject(request: ComposeRequest): Loaded {
  const doc = parseConfig('--from', '');
  return { doc, dir: pathToFileURL(`${request.cwd}/`) };
}

class Composer {
  readonly layers: Layer[] = [];
  private readonly warnings: string[] = [];

  constructor(
    private readonly reader: SourceReader,
    private readonly cwd: string,
  ) {}

  async expandTop(top: Loaded, origin: LayerOrigin, overrides: Pick<ComposeRequest, 'from' | 'registry'>): Promise<Layer[]> {
    const from = overrides.from ?? fromList(top.doc);
    const registry = overrides.registry !== undefined ? { text: overrides.registry, where: '--registry' } : undefined;
    const fromWhere = (i: number) => (overrides.from !== undefined ? '--from' : top.doc.where(['from', i]));
    return this.expand(top, origin, from, fromWhere, registry, undefined, []);
  }

  private async expand(
    file: Loaded,
    origin: LayerOrigin,
    from: readonly string[],
    fromWhere: (i: number) => string,
    registryOverride: { text: string; where: string } | undefined,
    inheritedRoot: URL | undefined,
    stack: readonly string[],
  ): Promise<Layer[]> {
    this.warnings.push(...file.doc.warnings);
    const own = registryOverride ?? (file.doc.value.registry !== undefined ? { text: file.doc.value.registry, where: file.doc.where(['registry']) } : undefined);
    const root = own ? registryRoot(own.text, file.dir, own.where) : (inheritedRoot ?? file.dir);
    const layers: Layer[] = [];
    for (const [i, name] of from.entries()) {
      const where = fromWhere(i);
      const context = await this.locate(root, name, where);
      const key = context.file.href;
      if (stack.includes(key) || key === fileKey(file)) {
        const cycle = [...stack, fileKey(file), key].map((k) => this.display(new URL(k)));
        throw new InputError(where, `composition cycle: ${cycle.slice(cycle.indexOf(this.display(context.file))).join(' -> ')}`);
      }
      const text = (await this.reader.read(context.file))!;
      const doc = parseConfig(this.display(context.file), text);
      if (from.length === 1 && doc.value.abstract === true && file.doc.value.abstract !== true) {
        throw new InputError(where, `context "${name}" is abstract: compose it together with a concrete context, not alone`);
      }
      const loaded = { doc, dir: context.dir };
      layers.push(...(await this.expand(loaded, 'context', fromList(doc), (j) => doc.where(['from', j]), undefined, root, [...stack, fileKey(file)])));
    }
    layers.push({ doc: file.doc, origin, dir: file.dir });
    return layers;
  }

  /** A context is a directory with a sew.yaml, or with a .default naming the context to follow. */
  private async locate(root: URL, name: string, where: string): Promise<{ file: URL; dir: URL }> {
    let dir = within(root, name, where);
    const seen = new Set<string>();
    for (;;) {
      const file = new URL('sew.yaml', dir);
      if ((await this.reader.read(file)) !== undefined) return { file, dir };
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
    const available = await this.availableFlags();
    const flagLayers: Layer[] = [];
    for (const name of unique(requested)) {
      const found = available.find((f) => f.info.name === name) ?? (await this.probeRemoteFlag(name));
      if (!found) {
        throw new UnknownContextFlagError(name, available.map((f) => f.info.name));
      }
      const doc = parseConfig(found.info.file, (await this.reader.read(found.url)) ?? '');
      for (const key of ['from', 'registry', 'abstract'] as const) {
        if (doc.value[key] !== undefined) this.warnings.push(`${doc.where([key])}: "${key}" has no effect in a context flag file`);
      }
      this.warnings.push(...doc.warnings);
      flagLayers.push({ doc, origin: 'flag', dir: new URL('./', found.url) });
    }
    return {
      layers: [...this.layers, ...flagLayers],
      flags: unique(requested),
      available: available.map((f) => f.info),
      warnings: unique(this.warnings),
      embeddedDefault: false,
    };
  }

  /** Flag files beside every layer; the nearest (most derived) definition of a name wins. */
  private async availableFlags(): Promise<{ info: FlagInfo; url: URL }[]> {
    const byName = new Map<string, { info: FlagInfo; url: URL }>();
    for (const dir of unique([...this.layers].reverse().map((l) => l.dir.href))) {
      for (const entry of ((await this.reader.list(new URL(dir))) ?? []).sort()) {
        const name = FLAG_FILE.exec(entry)?.[1];
        if (name === undefined || byName.has(name)) continue;
        const url = new URL(entry, dir);
        const doc = parseConfig(this.display(url), (await this.reader.read(url)) ?? '');
        byName.set(name, { info: { name, file: this.display(url), ...(doc.value.description !== undefined && { description: doc.value.description }) }, url });
      }
    }
    return [...byName.values()].sort((a, b) => a.info.name.localeCompare(b.info.name));
  }

  /** Remote registries cannot be listed: a flag there is found by asking for its file. */
  private async probeRemoteFlag(name: string): Promise<{ info: FlagInfo; url: URL } | undefined> {
    for (const dir of unique([...this.layers].reverse().map((l) => l.dir.href))) {
      const url = new URL(`sew--${name}.yaml`, dir);
      if (url.protocol === 'file:') continue;
      if ((await this.reader.read(url)) !== undefined) return { info: { name, file: this.display(url) }, url };
    }
    return undefined;
  }

  private display(url: URL): string {
    if (url.protocol !== 'file:') return displayUrl(url);
    return displayName(decodeURIComponent(url.pathname), this.cwd);
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
