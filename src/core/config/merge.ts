// Folds the composed layers into one configuration, with sew's merge rules:
//   images.preload   merge (default) unions refs and accumulates skip; replace discards
//                    inherited refs and ignores skip. A context that composes others replaces
//                    only what its own parents brought: sew resolves it on its own first, so
//                    contexts composed beside it keep their refs and skips
//   images.mirrors   last writer wins
//   kind             the cluster is the user's (project file over $SEW_HOME/sew.yaml: scalars
//                    child-wins, maps merged, `containerdConfigPatches` replaced, `nodes`
//                    replaced but node 0's extraPortMappings unioned by (containerPort,
//                    protocol), child winning). As sew's KindConfig.MergeWithContext, contexts
//                    give only node 0's host ports the user does not map and a name when the
//                    user kept the default `sew`; flags only host ports nothing maps yet
//   builds           the last non-empty list of the user's own files replaces the whole list
//                    (builds.ts); sew's resolved contexts carry none
//   anything else    carried: maps merged, lists of named items merged by name, other lists replaced
import { normaliseAt } from '../images/reference.js';
import { localPath, type Layer, type LayerOrigin, type Located } from './layer.js';
import { mergeBuilds, type DeclaredBuild } from './merge-builds.js';
import type { ConfigDocument } from './document.js';
import type { CacheRegistryMode } from '../images/cache-registry.js';
import type { LocalInput, RegistryAccessInput, UpstreamInput } from './schema.js';
import { confinedKind } from './trust.js';

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
  /** images.cacheRegistry and images.cacheRegistryMode: last writer wins (fetched layers may not set them). */
  readonly cacheRegistry?: Located<string>;
  readonly cacheRegistryMode?: Located<CacheRegistryMode>;
  readonly builds: readonly DeclaredBuild[];
  /** sew fields sew-ci does not act on, merged and kept. */
  readonly carried: Record<string, unknown>;
}

const COMPOSITION_KEYS = new Set(['registry', 'from', 'abstract', 'description', 'vars', 'kind', 'images', 'builds']);
const KIND_REPLACED = new Set(['containerdConfigPatches']);
const DEFAULT_KIND_NAME = 'sew';
/** The layers the user wrote (or the embedded default): the only ones that shape the cluster and declare builds. */
const OWN = new Set<LayerOrigin>(['default', 'user', 'project']);

/** `env` is the environment `~` in a layer's paths expands against; `cwd` is where a remote layer's relative paths are. */
export function mergeLayers(layers: readonly Layer[], env: NodeJS.ProcessEnv, cwd: string): ResolvedConfig {
  let refs: Located<string>[] = [];
  let skip: Located<string>[] = [];
  let platforms: readonly string[] | 'all' | undefined;
  let mirrors: ResolvedConfig['mirrors'];
  const registries: Record<string, Located<RegistryAccessInput> & { trusted: boolean }> = {};
  let registryImage: Located<string> | undefined;
  let local: Located<LocalInput> | undefined;
  let cacheRegistry: Located<string> | undefined;
  let cacheRegistryMode: Located<CacheRegistryMode> | undefined;
  let carried: Record<string, unknown> = {};
  // The layer each ref and skip came from, for a replace scoped to a context's own parents.
  let refsFrom: Layer[] = [];
  let skipFrom: Layer[] = [];

  for (const layer of layers) {
    const { doc } = layer;
    const file = doc.value;

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
    if (images?.cacheRegistry !== undefined) cacheRegistry = { value: images.cacheRegistry, where: doc.where(['images', 'cacheRegistry']) };
    if (images?.cacheRegistryMode !== undefined) cacheRegistryMode = { value: images.cacheRegistryMode, where: doc.where(['images', 'cacheRegistryMode']) };

    const rest = Object.fromEntries(Object.entries(file).filter(([key]) => !COMPOSITION_KEYS.has(key)));
    carried = mergeCarried(carried, rest) as Record<string, unknown>;
  }

  return {
    kind: clusterKind(layers.flatMap((layer) => (layer.doc.value.kind ? [{ origin: layer.origin, kind: layerKind(layer, layer.doc.value.kind as Record<string, unknown>) }] : []))),
    preload: { refs, skip, ...(platforms !== undefined && { platforms }) },
    ...(mirrors && { mirrors }),
    registries,
    ...(registryImage && { registryImage }),
    ...(local && { local }),
    ...(cacheRegistry && { cacheRegistry }),
    ...(cacheRegistryMode && { cacheRegistryMode }),
    builds: mergeBuilds(layers.filter((layer) => OWN.has(layer.origin))),
    carried,
  };
}

function normaliseAll(doc: ConfigDocument, path: (string | number)[], refs: readonly string[]): Located<string>[] {
  return refs.map((ref, i) => {
    const where = doc.where([...path, i]);
    return { value: normaliseAt(ref, where), where };
  });
}

/**
 * The Kind cluster of layers' `kind`s, in application order, as sew builds it: the user's own
 * config decides everything (nodes included); the contexts, folded as sew folds them, add
 * node 0's host ports the user does not map and their name when the user's is the default;
 * flags add node 0's host ports that nothing maps yet, and never rename the cluster (sew
 * merges the contexts into the cluster before it applies flags, then again without renaming).
 */
/** A fetched layer's port mappings listen on loopback unless they say otherwise (kind's own default is 0.0.0.0). */
function layerKind(layer: Layer, kind: Record<string, unknown>): Record<string, unknown> {
  return layer.trusted ? kind : confinedKind(kind);
}

export function clusterKind(kinds: readonly { readonly origin: LayerOrigin; readonly kind: Record<string, unknown> }[]): Record<string, unknown> {
  let own: Record<string, unknown> = {};
  let contextName: string | undefined;
  let contextPorts: Port[] = [];
  let flagPorts: Port[] = [];
  for (const { origin, kind } of kinds) {
    if (OWN.has(origin)) own = mergeKind(own, kind);
    else if (origin === 'flag') flagPorts = unionPorts(flagPorts, firstNodePorts(kind));
    else {
      if (typeof kind.name === 'string' && kind.name !== '') contextName = kind.name;
      contextPorts = unionPorts(contextPorts, firstNodePorts(kind));
    }
  }
  const out = { ...own };
  if (contextName !== undefined && (own.name === undefined || own.name === DEFAULT_KIND_NAME)) out.name = contextName;
  // The user's nodes, or Kind's default single control-plane, which the ports need to land on.
  const nodes = Array.isArray(own.nodes) && own.nodes.length > 0 ? (own.nodes as Record<string, unknown>[]) : [{ role: 'control-plane' }];
  const mapped = unionPorts(contextPorts, portsOf(nodes[0]!));
  const ports = [...mapped, ...flagPorts.filter((port) => !mapped.some((m) => portKey(m) === portKey(port)))];
  if (ports.length > portsOf(nodes[0]!).length) out.nodes = [{ ...nodes[0], extraPortMappings: ports }, ...nodes.slice(1)];
  return out;
}

/** The project file's `kind` over $SEW_HOME/sew.yaml's: its name `sew` (the default) gives way to the user file's. */
function mergeKind(base: Record<string, unknown>, child: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(child)) {
    if (key === 'nodes') out.nodes = mergeNodes(base.nodes, value);
    else if (value === '') continue;
    else if (key === 'name' && value === DEFAULT_KIND_NAME && typeof base.name === 'string') continue;
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

type Port = Record<string, unknown>;

function firstNodePorts(kind: Record<string, unknown>): Port[] {
  return Array.isArray(kind.nodes) && isPlainObject(kind.nodes[0]) ? portsOf(kind.nodes[0]) : [];
}

function portsOf(node: Record<string, unknown>): Port[] {
  return Array.isArray(node.extraPortMappings) ? (node.extraPortMappings as Port[]) : [];
}

/** sew's key of a host port mapping: another protocol is another mapping. */
function portKey(port: Port): string {
  return `${String(port.containerPort)}/${String(port.protocol ?? '')}`;
}

/** The base's mappings, the child's replacing those of the same key, the child's others after. */
function unionPorts(base: readonly Port[], child: readonly Port[]): Port[] {
  const out = [...base];
  for (const port of child) {
    const at = out.findIndex((p) => portKey(p) === portKey(port));
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
