// Folds the composed layers into one configuration, with sew's merge rules:
//   images.preload   merge (default) unions refs and accumulates skip; replace discards
//                    inherited refs and ignores skip. A context that composes others replaces
//                    only what its own parents brought: sew resolves it on its own first, so
//                    contexts composed beside it keep their refs and skips
//   images.mirrors   last writer wins
//   kind             scalars child-wins, maps merged, `containerdConfigPatches` replaced, `nodes`
//                    replaced but node 0's extraPortMappings unioned by (containerPort,
//                    protocol), child winning; the user's or project's name `sew` (the
//                    default) gives way to a context's
//   builds           the last non-empty list replaces the whole list (builds.ts)
//   anything else    carried: maps merged, lists of named items merged by name, other lists replaced
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../errors.js';
import { normaliseReference, ImageReferenceError } from '../images/reference.js';
import { expandHome } from '../paths.js';
import { mergeBuilds, type DeclaredBuild } from './builds.js';
import type { Layer } from './compose.js';
import type { ConfigDocument } from './document.js';
import type { LocalInput, RegistryAccessInput, UpstreamInput } from './schema.js';
import { confinedKind } from './trust.js';

export interface Located<T> {
  readonly value: T;
  /** file:line:col it was written at. */
  readonly where: string;
}

export interface ResolvedConfig {
  readonly kind: Record<string, unknown>;
  readonly preload: {
    readonly refs: readonly Located<string>[];
    readonly skip: readonly Located<string>[];
    readonly platforms?: readonly string[] | 'all';
  };
  /** Undefined when no layer enables mirrors. */
  readonly mirrors?: { readonly data?: string; readonly upstreams: readonly Located<UpstreamInput>[] };
  /** `trusted`: written in a layer the user wrote, so its url may receive the host's credentials (registries.ts). */
  readonly registries: Readonly<Record<string, Located<RegistryAccessInput> & { readonly trusted: boolean }>>;
  readonly registryImage?: Located<string>;
  /** images.local: last writer wins. */
  readonly local?: Located<LocalInput>;
  readonly builds: readonly DeclaredBuild[];
  /** sew fields sew-ci does not act on, merged and kept. */
  readonly carried: Record<string, unknown>;
}

const COMPOSITION_KEYS = new Set(['registry', 'from', 'abstract', 'description', 'vars', 'kind', 'images', 'builds']);
const KIND_REPLACED = new Set(['containerdConfigPatches']);
const DEFAULT_KIND_NAME = 'sew';

/** `env` is the environment `~` in a layer's paths expands against; `cwd` is where a remote layer's relative paths are. */
export function mergeLayers(layers: readonly Layer[], env: NodeJS.ProcessEnv, cwd: string): ResolvedConfig {
  let kind: Record<string, unknown> = {};
  let refs: Located<string>[] = [];
  let skip: Located<string>[] = [];
  let platforms: readonly string[] | 'all' | undefined;
  let mirrors: ResolvedConfig['mirrors'];
  const registries: Record<string, Located<RegistryAccessInput> & { trusted: boolean }> = {};
  let registryImage: Located<string> | undefined;
  let local: Located<LocalInput> | undefined;
  let carried: Record<string, unknown> = {};
  // The layer each ref and skip came from, for a replace scoped to a context's own parents.
  let refsFrom: Layer[] = [];
  let skipFrom: Layer[] = [];

  for (const layer of layers) {
    const { doc } = layer;
    const file = doc.value;
    if (file.kind) {
      const layerKind = layer.trusted ? (file.kind as Record<string, unknown>) : confinedKind(file.kind as Record<string, unknown>);
      kind = mergeKind(kind, layerKind, layer.origin === 'user' || layer.origin === 'project');
    }

    const preload = file.images?.preload;
    if (preload) {
      const layerRefs = normaliseAll(doc, ['images', 'preload', 'refs'], preload.refs ?? []);
      if (preload.mode === 'replace') {
        const outside = (from: Layer) => layer.ancestors !== undefined && !layer.ancestors.has(from);
        const keptRefs = refs.map((_, k) => k).filter((k) => outside(refsFrom[k]!));
        const keptSkip = skip.map((_, k) => k).filter((k) => outside(skipFrom[k]!));
        refs = [...keptRefs.map((k) => refs[k]!), ...layerRefs];
        refsFrom = [...keptRefs.map((k) => refsFrom[k]!), ...layerRefs.map(() => layer)];
        skip = keptSkip.map((k) => skip[k]!);
        skipFrom = keptSkip.map((k) => skipFrom[k]!);
      } else {
        const layerSkip = normaliseAll(doc, ['images', 'preload', 'skip'], preload.skip ?? []);
        refs = [...refs, ...layerRefs];
        refsFrom = [...refsFrom, ...layerRefs.map(() => layer)];
        skip = [...skip, ...layerSkip];
        skipFrom = [...skipFrom, ...layerSkip.map(() => layer)];
      }
      if (preload.platforms !== undefined) platforms = preload.platforms;
    }

    const images = file.images;
    if (images && 'mirrors' in images && images.mirrors !== undefined) {
      const m = images.mirrors ?? {};
      mirrors = {
        ...(m.data !== undefined && { data: localPath(m.data, layer.dir, env, cwd) }),
        upstreams: (m.upstreams ?? []).map((value, i) => ({ value, where: doc.where(['images', 'mirrors', 'upstreams', i]) })),
      };
    }
    for (const [host, access] of Object.entries(images?.registries ?? {})) {
      registries[host] = { value: access, where: doc.where(['images', 'registries', host]), trusted: layer.trusted };
    }
    if (images && 'local' in images && images.local !== undefined) {
      local = { value: images.local ?? {}, where: doc.where(['images', 'local']) };
    }
    if (images?.registryImage !== undefined) {
      registryImage = { value: images.registryImage, where: doc.where(['images', 'registryImage']) };
    }

    const rest = Object.fromEntries(Object.entries(file).filter(([key]) => !COMPOSITION_KEYS.has(key)));
    carried = mergeCarried(carried, rest) as Record<string, unknown>;
  }

  return {
    kind,
    preload: { refs, skip, ...(platforms !== undefined && { platforms }) },
    ...(mirrors && { mirrors }),
    registries,
    ...(registryImage && { registryImage }),
    ...(local && { local }),
    builds: mergeBuilds(layers),
    carried,
  };
}

function normaliseAll(doc: ConfigDocument, path: (string | number)[], refs: readonly string[]): Located<string>[] {
  return refs.map((ref, i) => {
    const where = doc.where([...path, i]);
    try {
      return { value: normaliseReference(ref), where };
    } catch (err) {
      if (err instanceof ImageReferenceError) throw new InputError(where, err.message);
      throw err;
    }
  });
}

/** A path as written in a layer whose directory is `dir`: `~`, absolute, or relative to the layer's file (a remote layer's: to `cwd`). */
export function localPath(path: string, dir: URL, env: NodeJS.ProcessEnv, cwd: string): string {
  const expanded = expandHome(path, env);
  if (isAbsolute(expanded)) return expanded;
  const base = dir.protocol === 'file:' ? fileURLToPath(dir) : cwd;
  return resolve(base, path);
}

export function mergeKind(base: Record<string, unknown>, child: Record<string, unknown>, topLevel = false): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(child)) {
    if (key === 'nodes') out.nodes = mergeNodes(base.nodes, value);
    else if (value === '') continue;
    else if (key === 'name' && topLevel && value === DEFAULT_KIND_NAME && typeof base.name === 'string') continue;
    else out[key] = KIND_REPLACED.has(key) ? value : mergeValues(base[key], value, false);
  }
  return out;
}

/** The child's nodes, its first keeping the host ports the base's first node published. */
function mergeNodes(base: unknown, child: unknown): unknown {
  if (!Array.isArray(child) || child.length === 0) return base ?? child;
  const first = child[0] as Record<string, unknown>;
  const inherited = Array.isArray(base) && isPlainObject(base[0]) ? portsOf(base[0]) : [];
  if (inherited.length === 0) return child;
  return [{ ...first, extraPortMappings: unionPorts(inherited, portsOf(first)) }, ...child.slice(1)];
}

function portsOf(node: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(node.extraPortMappings) ? (node.extraPortMappings as Record<string, unknown>[]) : [];
}

function unionPorts(base: readonly Record<string, unknown>[], child: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const key = (p: Record<string, unknown>) => `${String(p.containerPort)}/${String(p.protocol ?? '')}`;
  const out = [...base];
  for (const port of child) {
    const at = out.findIndex((p) => key(p) === key(port));
    if (at === -1) out.push(port);
    else out[at] = port;
  }
  return out;
}

function mergeCarried(base: unknown, child: unknown): unknown {
  return mergeValues(base, child, true);
}

function mergeValues(base: unknown, child: unknown, byName: boolean): unknown {
  if (isPlainObject(base) && isPlainObject(child)) {
    const out: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(child)) out[key] = mergeValues(base[key], value, byName);
    return out;
  }
  if (byName && Array.isArray(base) && Array.isArray(child) && [...base, ...child].every(hasName)) {
    const out = base.map((item) => ({ ...item }));
    for (const item of child) {
      const at = out.findIndex((existing) => existing.name === item.name);
      if (at === -1) out.push(item);
      else out[at] = mergeValues(out[at], item, byName) as Record<string, unknown>;
    }
    return out;
  }
  return child;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasName(value: unknown): value is Record<string, unknown> & { name: unknown } {
  return isPlainObject(value) && typeof value.name === 'string';
}
