// What a run will do, as a pure function of the composed configuration and the options.
// Everything after it (registries, copy, Kind, cache) consumes the plan.
import { join } from 'node:path';
import { buildLogDir, planBuilds, readyToRun, type BuildPlan } from './build/plan.js';
import { cacheKey, nodeImageCacheKey, type SeparateCache } from './cache/key.js';
import { compose, type ComposeRequest, type Composition } from './config/compose.js';
import type { FlagInfo } from './config/flags.js';
import { mergeLayers, type ResolvedConfig } from './config/merge.js';
import { registryCredentials, resolveRegistries, type RegistryEndpoint } from './config/registries.js';
import type { SourceReader } from './config/sources.js';
import type { VariableReport } from './config/variables.js';
import { checkClusterName, checkFlagName, checkSewHome } from './input/checks.js';
import { parseCacheRegistryAt, type CacheRegistryLocation, type CacheRegistryMode } from './images/cache-registry.js';
import { normaliseAt, parseReference } from './images/reference.js';
import { kindConfig, type KindConfig } from './kind/config.js';
import { kindConfigPath, statePath } from './kind/state.js';
import { chooseNodeImage, nodesNameImage, type KindDefault, type NodeImage } from './kind/node-image.js';
import { homeIdentity, realPath, type HomeIdentity } from './home/identity.js';
import { mirrorContainerName, preloadContainerName, publishing, type Publishing } from './home/names.js';
import { planLocal, type LocalPlan } from './local/local-registry.js';
import { hasLocalProxy, parseUpstreams, type MirrorEntry } from './mirrors/upstreams.js';
import { homeDir, kubeconfigPath, sewHome as defaultSewHome } from './paths.js';
import { hostPlatformName } from './oci/platform.js';
import { mirrorsStorageRoot, mirrorStorageDir } from './mirrors/layout.js';

const DEFAULT_REGISTRY_IMAGE = 'registry:2';
export const DEFAULT_CLUSTER_NAME = 'sew';

export interface PlanOptions extends Omit<ComposeRequest, 'sewHome'> {
  readonly sewHome?: string;
  readonly skipPreload?: boolean;
  /** --registry-image; wins over SEW_REGISTRY_IMAGE and images.registryImage. */
  readonly registryImage?: string;
  /** Refs added on top of the configuration (action input `preload`). */
  readonly extraRefs?: readonly string[];
  /** Upstreams added on top of the configuration (action input `mirrors`); turns mirrors on. */
  readonly extraUpstreams?: readonly string[];
  /** How the caller's surface names these options in messages; the CLI's words by default. */
  readonly where?: OptionWords;
  readonly platform?: string;
  /** Overrides kind.name (action input cluster-name). */
  readonly clusterName?: string;
  /** Turn the local push registry on (action input `local`), and whether to cache its data. */
  readonly local?: boolean;
  readonly localCache?: boolean;
  /** Create (or reuse) the Kind cluster; false for --no-cluster. */
  readonly cluster?: boolean;
  readonly nodeImage?: string;
  /** kind's default node image, read from the binary that will run (resolvePlan's `facts`): planning reads no file itself. */
  readonly kindDefault?: KindDefault;
  /** kind --wait. */
  readonly wait?: string;
  /** Run every declared build first (--build). */
  readonly build?: boolean;
  /** --cache-registry (host[/path]); wins over images.cacheRegistry. */
  readonly cacheRegistry?: string;
  /** --cache-registry-mode; wins over images.cacheRegistryMode. */
  readonly cacheRegistryMode?: CacheRegistryMode;
  /** The mode when none is given, and why (the action's: readwrite on the default branch only); else read. */
  readonly cacheRegistryDefault?: { readonly mode: CacheRegistryMode; readonly why: string };
  /** The on/off options switched from their default, as the CLI spells them: a context flag of the same name is only reachable as --flag NAME. */
  readonly switches?: readonly string[];
}

/** What a run starts and writes: decided here, so nothing after the plan decides it again. */
export interface Needs {
  /** Any container, or the cluster. */
  readonly docker: boolean;
  /** Images to preload or builds to run into it. */
  readonly preloadRegistry: boolean;
  /** Images to copy into the preload storage. */
  readonly preloadImages: boolean;
  readonly builds: boolean;
  /** Mirror containers: upstreams with a local proxy. */
  readonly mirrors: boolean;
  /** The containerd hosts dir, mounted into the nodes. */
  readonly hostsFiles: boolean;
  /** With a local registry (`plan.local`), its KEP-1755 ConfigMap too. */
  readonly cluster: boolean;
  /** The node image stored and put into the Docker daemon before kind runs (`plan.nodeImage.stored`). */
  readonly nodeImage: boolean;
}

/** What plan resolution asks of the machine, through the composition root (default-reader.ts). */
export interface PlanFacts {
  /** kind's default node image, from the kind binary on the PATH; undefined when there is none. */
  kindDefault(env: NodeJS.ProcessEnv): Promise<KindDefault | undefined>;
}

export interface Plan {
  readonly sewHome: string;
  /** What the home's containers are labelled and named with. */
  readonly home: HomeIdentity;
  readonly sources: readonly string[];
  readonly embeddedDefault: boolean;
  readonly warnings: readonly string[];
  readonly needs: Needs;
  readonly cluster: {
    readonly name: string;
    /** kind's --image when sew-ci does not put the node image into the daemon itself (the option, unpinned). */
    readonly image?: string;
    readonly wait: string;
    /** Where the generated Kind config is written. */
    readonly kindConfigPath: string;
    /** The state file `down` reads. */
    readonly statePath: string;
    /** The first KUBECONFIG entry, else ~/.kube/config: where kind writes the context. */
    readonly kubeconfig: string;
  };
  /** The image the cluster's nodes run and where that came from; null when no cluster is made or kind chooses alone. */
  readonly nodeImage: NodeImage | null;
  readonly flags: readonly string[];
  readonly availableFlags: readonly FlagInfo[];
  /** Each file that declared template variables: what it declared and the values it was rendered with. */
  readonly variables: readonly { readonly source: string; readonly variables: readonly VariableReport[] }[];
  readonly preload: {
    readonly enabled: boolean;
    readonly refs: readonly string[];
    readonly skipped: readonly string[];
    readonly platforms: readonly string[] | 'all';
    /** The registry hosts whose images it serves, preloaded or built: what nodes ask it first for. */
    readonly hosts: readonly string[];
    readonly container: string;
    readonly data: string;
  };
  readonly mirrors: {
    readonly upstreams: readonly string[];
    readonly data: string;
    /** The proxies' registry storage, one directory per upstream under it: what is cached. */
    readonly storage: string;
    readonly entries: readonly MirrorEntry[];
  } | null;
  readonly registries: Readonly<Record<string, RegistryEndpoint>>;
  /** The shared second-level image cache, read before the upstreams; null when none is configured. */
  readonly cacheRegistry: CacheRegistryPlan | null;
  readonly registryImage: string;
  /** Where the registries' host ports bind and where this process reaches them. */
  readonly publish: Publishing;
  readonly local: LocalPlan | null;
  readonly hostsDir: string;
  readonly cacheKey: string;
  /** The registry data directories the CI cache holds: blobs and manifests, never credentials or hosts files. */
  readonly cachePaths: readonly string[];
  /** Cache entries of their own beside it (the node image), each under a key naming its content. */
  readonly separateCaches: readonly SeparateCache[];
  readonly kindConfig: KindConfig;
  /** Images built locally (`builds`): out of the preload list, put into the preload registry by `sew-ci build`. */
  readonly builds: readonly BuildPlan[];
  /** One log file per build. */
  readonly buildLogs: string;
  /** Carried sew fields (components, helm, ...), for tools that act on them. */
  readonly carried: Readonly<Record<string, unknown>>;
}

/** `--preload` on the command line, `input preload` in the action. */
export interface OptionWords {
  readonly preload: string;
  readonly mirrors: string;
  readonly set: string;
  readonly build: string;
  /** Undefined where a flag is named as typed (`--no-es`), as on the command line. */
  readonly flags?: string;
}

const CLI_WORDS: OptionWords = { preload: '--preload', mirrors: '--mirror', set: '--set', build: '--build' };

/** `reader` reads the files the composition names: the composition root builds it (sources.ts). */
export async function resolvePlan(options: PlanOptions, reader: SourceReader, facts?: PlanFacts): Promise<Plan> {
  const home = defaultSewHome(options.env, options.cwd, options.sewHome);
  refuseSharedHome(home, options.env);
  for (const flag of options.flags ?? []) checkFlagName(flag, 'flag');
  const composition = await compose({ ...options, sewHome: home, ...(options.where?.flags !== undefined && { flagsWhere: options.where.flags }), ...(options.where && { setWhere: options.where.set }) }, reader);
  const config = mergeLayers(composition.layers, options.env, options.cwd);
  // kind's default is read only when nothing else names the node image.
  const readsDefault = facts !== undefined && options.cluster !== false && options.nodeImage === undefined && !nodesNameImage(userNodes(config));
  const kindDefault = readsDefault ? await facts.kindDefault(options.env) : undefined;
  const plan = buildPlan(composition, config, { ...options, sewHome: home, ...(kindDefault && { kindDefault }) });
  // Bad build input is refused before anything starts, not after other builds ran.
  if (plan.needs.builds) await readyToRun(plan.builds, options.env);
  return plan;
}

/** Before a run reads, writes or purges anything in `home`: it must be a directory sew-ci may own. */
export function refuseSharedHome(home: string, env: NodeJS.ProcessEnv): void {
  checkSewHome(realPath(home), realPath(homeDir(env)), home);
}

/** Every decision of a run from the composed configuration: pure, but for the environment it is given. */
export function buildPlan(composition: Composition, config: ResolvedConfig, options: PlanOptions & { sewHome: string }): Plan {
  const home = options.sewHome;
  const identity = homeIdentity(home, options.env);
  const words = options.where ?? CLI_WORDS;
  const extra = (options.extraRefs ?? []).map((ref) => ({ value: normaliseAt(ref, words.preload), where: words.preload }));
  const skip = new Set(config.preload.skip.map((s) => s.value));
  const builds = planBuilds(config.builds, options.env);
  const built = new Set(builds.map((b) => b.image));
  const all = unique([...config.preload.refs, ...extra].map((r) => r.value));
  const kept = all.filter((ref) => !skip.has(ref) && !built.has(ref));
  const skipped = all.filter((ref) => skip.has(ref));
  const preloadRefs = options.skipPreload ? [] : kept;
  const preloadData = join(home, 'preload');

  const extraUpstreams = (options.extraUpstreams ?? []).map((value) => ({ value, where: words.mirrors }));
  const mirrorsOn = config.mirrors !== undefined || extraUpstreams.length > 0;
  const mirrorsData = config.mirrors?.data ?? join(home, 'mirrors');
  const entries = mirrorsOn
    ? parseUpstreams([...(config.mirrors?.upstreams ?? []), ...extraUpstreams]).map((e) => (hasLocalProxy(e) ? { ...e, container: mirrorContainerName(e.host, identity), storage: mirrorStorageDir(mirrorsData, e.host) } : e))
    : [];
  const mirrors = mirrorsOn ? { upstreams: entries.map((e) => e.host), data: mirrorsData, storage: mirrorsStorageRoot(mirrorsData), entries } : null;

  const hostsDir = join(mirrorsData, 'hosts');
  const registryImage = chosenRegistryImage(options, config);
  const platforms = config.preload.platforms ?? [options.platform ?? hostPlatformName()];
  const name = options.clusterName !== undefined ? checkClusterName(options.clusterName, 'cluster name') : typeof config.kind.name === 'string' ? config.kind.name : DEFAULT_CLUSTER_NAME;
  const registries = resolveRegistries(config.registries, options.env);
  // Every credential variable must resolve now, before anything starts; the values are dropped.
  for (const endpoint of Object.values(registries)) registryCredentials(endpoint, options.env);
  const local = planLocal(config.local, { path: home, identity }, { ...(options.local && { enable: true }), ...(options.localCache !== undefined && { cache: options.localCache }) });
  const wiring = preloadRefs.length > 0 || builds.length > 0 || mirrors !== null || local?.kind === 'container';
  const facts = needsOf(options, { preloadRefs, builds: builds.length, mirrorProxies: entries.some(hasLocalProxy), localContainer: local?.kind === 'container', wiring });
  const cachePaths = [
    ...(facts.preloadImages ? [preloadData] : []),
    ...(facts.mirrors && mirrors ? [mirrors.storage] : []),
    ...(local?.kind === 'container' && local.cache ? [local.data] : []),
  ];
  const nodeImage = facts.cluster ? chooseNodeImage(options.nodeImage, userNodes(config), options.kindDefault, { home, platform: options.platform ?? hostPlatformName() }) : { warnings: [] };
  const stored = nodeImage.image?.stored;
  const needs: Needs = { ...facts, nodeImage: stored !== undefined };
  const warnings = [
    ...composition.warnings,
    ...nodeImage.warnings,
    ...(options.build && builds.length === 0 ? [`${words.build}: no builds are declared in sew.yaml, nothing to build`] : []),
    ...composition.available
      .filter((flag) => options.switches?.includes(flag.name) && !composition.flags.includes(flag.name))
      .map((flag) => `--${flag.name}: applied as sew-ci's own option, not as the context flag of that name (${flag.file}); activate the flag with --flag ${flag.name} (action input flags: ${flag.name})`),
  ];

  return {
    sewHome: home,
    home: identity,
    sources: composition.layers.map((l) => l.doc.name),
    embeddedDefault: composition.embeddedDefault,
    warnings,
    needs,
    cluster: {
      name,
      ...(nodeImage.image?.source === 'node-image' && { image: nodeImage.image.ref }),
      wait: options.wait ?? '60s',
      kindConfigPath: kindConfigPath(home, name),
      statePath: statePath(home, name),
      kubeconfig: kubeconfigPath(options.env),
    },
    nodeImage: nodeImage.image ?? null,
    flags: composition.flags,
    availableFlags: composition.available,
    variables: composition.layers.filter((l) => l.variables.length > 0).map((l) => ({ source: l.doc.name, variables: l.variables })),
    preload: {
      enabled: !options.skipPreload,
      refs: preloadRefs,
      skipped,
      platforms,
      hosts: unique([...preloadRefs, ...builds.map((b) => b.image)].map((r) => parseReference(r).host)),
      container: preloadContainerName(identity),
      data: preloadData,
    },
    mirrors,
    local,
    registries,
    cacheRegistry: chosenCacheRegistry(options, config),
    registryImage,
    publish: publishing(options.env),
    hostsDir,
    cacheKey: cacheKey({ refs: preloadRefs, upstreams: mirrors?.upstreams ?? [], registryImage, platforms }),
    cachePaths,
    separateCaches: stored ? [{ name: 'node-image', key: nodeImageCacheKey(stored.digest, stored.platform), paths: [stored.data], image: { ref: nodeImage.image!.ref, platform: stored.platform } }] : [],
    kindConfig: kindConfig(config.kind, name, wiring ? hostsDir : undefined),
    builds,
    buildLogs: buildLogDir(home),
    carried: config.carried,
  };
}

export interface CacheRegistryPlan extends CacheRegistryLocation {
  /** As given: `ghcr.io/acme/sew-cache`. */
  readonly ref: string;
  readonly mode: CacheRegistryMode;
  /** Where the registry and the mode were set, as messages name it. */
  readonly where: string;
  readonly modeFrom: string;
}

function chosenCacheRegistry(options: PlanOptions, config: ResolvedConfig): CacheRegistryPlan | null {
  const [ref, where] = options.cacheRegistry !== undefined ? [options.cacheRegistry, 'cache registry'] : config.cacheRegistry ? [config.cacheRegistry.value, config.cacheRegistry.where] : [undefined, ''];
  if (ref === undefined) return null;
  const location = parseCacheRegistryAt(ref, where);
  const fallback = options.cacheRegistryDefault ?? { mode: 'read', why: 'default' };
  const [mode, modeFrom] =
    options.cacheRegistryMode !== undefined
      ? [options.cacheRegistryMode, 'cache registry mode']
      : config.cacheRegistryMode
        ? [config.cacheRegistryMode.value, config.cacheRegistryMode.where]
        : [fallback.mode, fallback.why];
  return { ref: `${location.host}${location.path ? `/${location.path}` : ''}`, ...location, mode, where, modeFrom };
}

function needsOf(
  options: PlanOptions,
  facts: { preloadRefs: readonly string[]; builds: number; mirrorProxies: boolean; localContainer: boolean; wiring: boolean },
): Omit<Needs, 'nodeImage'> {
  const builds = options.build === true && facts.builds > 0;
  const preloadImages = facts.preloadRefs.length > 0;
  const preloadRegistry = preloadImages || builds;
  const cluster = options.cluster !== false;
  return {
    docker: preloadRegistry || facts.mirrorProxies || facts.localContainer || cluster,
    preloadRegistry,
    preloadImages,
    builds,
    mirrors: facts.mirrorProxies,
    hostsFiles: facts.wiring,
    cluster,
  };
}

/** The nodes of the user's kind config, as kindConfig reads them. */
function userNodes(config: ResolvedConfig): Record<string, unknown>[] {
  return Array.isArray(config.kind.nodes) ? (config.kind.nodes as Record<string, unknown>[]).filter((n) => typeof n === 'object' && n !== null) : [];
}

function chosenRegistryImage(options: PlanOptions, config: ResolvedConfig): string {
  const [image, where] =
    options.registryImage !== undefined
      ? [options.registryImage, 'registry image']
      : options.env.SEW_REGISTRY_IMAGE
        ? [options.env.SEW_REGISTRY_IMAGE, 'SEW_REGISTRY_IMAGE']
        : config.registryImage
          ? [config.registryImage.value, config.registryImage.where]
          : [DEFAULT_REGISTRY_IMAGE, 'default'];
  normaliseAt(image, where);
  return image;
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The plan as printed by `plan --json`: everything but credentials. */
export function publicPlan(plan: Plan): Record<string, unknown> {
  const registries = Object.fromEntries(
    Object.entries(plan.registries).map(([host, r]) => [host, { url: r.url, credentials: r.username !== undefined || r.password !== undefined }]),
  );
  return { ...plan, registries };
}
