// `up`: the plan's effects, in order. The plan has decided what runs; each step is a call into
// the port that owns it; this file orders the steps and collects the report.
import type { Builder, BuildReport } from './ports/builder.js';
import { planHostsFiles } from './containerd/hosts.js';
import { onPort, type LocalContainer } from './local/local-registry.js';
import type { Plan } from './plan.js';
import type { Cluster, ClusterReport } from './ports/cluster.js';
import type { HostsFiles } from './ports/hosts-files.js';
import type { NodeImageReport, NodeImages } from './ports/node-image.js';
import type { ImageResult, PreloadOutcome, Preloader, WriteBackOutcome } from './ports/preloader.js';
import type { MirrorState, Registries, StartedRegistry } from './ports/registries.js';
import type { Reporter } from './ports/reporter.js';

/** What `up` asks of each port: starting things, never stopping or removing them. */
export interface UpPorts {
  readonly reporter: Reporter;
  readonly registries: Pick<Registries, 'connect' | 'startPreload' | 'startMirrors' | 'startLocal'>;
  readonly preloader: Preloader;
  readonly builder: Builder;
  readonly hostsFiles: HostsFiles;
  readonly nodeImages: NodeImages;
  readonly cluster: Pick<Cluster, 'available' | 'ensure' | 'announceLocalRegistry'>;
}

/** Bytes fetched from the network this run, per source: 0 everywhere on a warm run of an unchanged plan. */
export interface Fetched {
  /** Preload copies from upstream registries and the cache registry (not what came from the local Docker daemon). */
  readonly preload: number;
  readonly nodeImage: number;
  /** The cluster was created without a node image put into Docker: kind may pull one, uncounted. */
  readonly kindMayPull?: true;
  /** kind and kubectl releases (the `tools` use case, before the plan; 0 from `up` itself). */
  readonly tools: number;
  readonly total: number;
}

export interface UpResult {
  readonly plan: Plan;
  readonly preload: { readonly registry?: string; readonly images: readonly ImageResult[]; readonly bytesCopied: number };
  /** The cache registry's share: what it served, and what this run wrote to it. */
  readonly cacheRegistry?: CacheRegistryReport;
  readonly mirrors: readonly MirrorState[];
  readonly hostsFiles: readonly string[];
  /** Where to push your own images: `localhost:5050`, or the external registry. */
  readonly local?: { readonly pushTarget: string; readonly url?: string };
  readonly nodeImage?: NodeImageReport;
  readonly cluster?: ClusterReport;
  readonly fetched: Fetched;
  readonly builds: readonly BuildReport[]; // what --build put into the preload registry
  /** Images that could not be preloaded: the run did everything else, and exits 1. */
  readonly failed: readonly string[];
}

export interface CacheRegistryReport {
  readonly ref: string;
  readonly mode: 'read' | 'readwrite';
  /** Images copied from it, and their bytes. */
  readonly served: { readonly images: number; readonly bytes: number };
  /** Images copied from their upstreams, and their bytes: what it lacked. */
  readonly fromUpstreams: { readonly images: number; readonly bytes: number };
  /** What was written back (readwrite). */
  readonly written?: { readonly images: number; readonly bytes: number };
}

export async function up(plan: Plan, ports: UpPorts): Promise<UpResult> {
  const { needs } = plan;
  // A cluster that cannot be made is known before any registry starts.
  if (needs.cluster) await ports.cluster.available();
  // A phase of its own, so a run without Docker is reported as failing there.
  if (needs.docker) await ports.reporter.phase('Connect to Docker', () => ports.registries.connect());
  // The preload container comes up while the images are copied and built: both write the
  // storage directly, and only what comes after needs the registry.
  const preloadStarting = needs.preloadRegistry ? background(ports.registries.startPreload(plan, (m) => ports.reporter.info(m))) : undefined;
  const builds = needs.builds ? await ports.builder.run(plan.builds, { root: plan.preload.data, logDir: plan.buildLogs }, ports.reporter) : [];
  const { images, cacheRegistryProblem } = needs.preloadImages ? await preloadImages(plan, ports) : { images: [] };
  // Uploaded while the rest comes up: only the upload itself is added to the job. A cache
  // registry that failed the reads is not written either: one warning says it.
  const fromUpstreams = images.filter((i) => i.source === 'copied');
  const writing = plan.cacheRegistry?.mode === 'readwrite' && cacheRegistryProblem === undefined && fromUpstreams.length > 0 ? background(ports.preloader.writeBack(plan, fromUpstreams)) : undefined;
  const preloadRegistry = preloadStarting ? await announcePreloadRegistry(preloadStarting, ports.reporter) : undefined;
  const mirrors = needs.mirrors ? await startMirrors(plan, ports) : [];
  const local = plan.local?.kind === 'container' ? await startLocalRegistry(plan, plan.local, ports) : undefined;
  const hostsFiles = needs.hostsFiles ? await writeHostsFiles(plan, local?.plan, ports) : [];
  const nodeImage = needs.nodeImage ? await ensureNodeImage(plan, ports) : undefined;
  const cluster = needs.cluster ? await ensureCluster(plan, ports, nodeImage?.image) : undefined;
  const pushTarget = local?.plan.pushTarget ?? plan.local?.pushTarget;
  if (cluster && pushTarget !== undefined) await announceLocalRegistry(cluster, pushTarget, ports);
  const cacheRegistry = plan.cacheRegistry && needs.preloadImages ? await cacheRegistryReport(plan.cacheRegistry, images, writing, ports.reporter) : undefined;
  return {
    plan,
    preload: { ...(preloadRegistry && { registry: preloadRegistry.url }), images, bytesCopied: images.reduce((sum, i) => sum + i.bytesCopied, 0) },
    ...(cacheRegistry && { cacheRegistry }),
    mirrors,
    hostsFiles,
    ...(pushTarget !== undefined && { local: { pushTarget, ...(local && { url: local.registry.url }) } }),
    ...(nodeImage && { nodeImage }),
    ...(cluster && { cluster }),
    fetched: fetchedOf(images, nodeImage, cluster?.action === 'created'),
    builds,
    failed: images.filter((i) => i.error).map((i) => i.ref),
  };
}

async function preloadImages(plan: Plan, { preloader, reporter }: UpPorts): Promise<PreloadOutcome> {
  const outcome = await reporter.phase('Preload images', () => preloader.preload(plan, (event) => (event.type === 'retrying' ? reporter.info(event.message) : reporter.progress?.(event))));
  for (const image of outcome.images) if (image.warning) reporter.warn(`${image.ref}: ${image.warning}`);
  for (const warning of [...outcome.warnings, ...(outcome.cacheRegistryProblem !== undefined ? [outcome.cacheRegistryProblem] : [])]) reporter.warn(warning);
  return outcome;
}

/** The cache registry's share as one line: the CLI's report and the job summary say it alike. */
export function cacheRegistryLine(report: CacheRegistryReport, size: (bytes: number) => string): string {
  const { served, fromUpstreams, written } = report;
  const wrote = written === undefined ? (report.mode === 'read' ? '; read only' : '') : `; ${written.images} image(s), ${size(written.bytes)} written back`;
  return `cache registry ${report.ref} (${report.mode}): ${served.images} image(s), ${size(served.bytes)} served; ${fromUpstreams.images} image(s), ${size(fromUpstreams.bytes)} from upstreams${wrote}`;
}

async function cacheRegistryReport(
  cache: NonNullable<Plan['cacheRegistry']>,
  images: readonly ImageResult[],
  writing: Promise<WriteBackOutcome> | undefined,
  reporter: Reporter,
): Promise<CacheRegistryReport> {
  const share = (source: ImageResult['source']) => {
    const from = images.filter((i) => i.source === source);
    return { images: from.length, bytes: from.reduce((sum, i) => sum + i.bytesCopied, 0) };
  };
  const report = { ref: cache.ref, mode: cache.mode, served: share('cache-registry'), fromUpstreams: share('copied') };
  if (writing === undefined) return report;
  return reporter.phase('Cache registry write', async () => {
    const outcome = await writing;
    if (outcome.warning !== undefined) reporter.warn(outcome.warning);
    reporter.info(`${cache.ref}: ${outcome.written.length} image(s) written, ${outcome.bytesUploaded} bytes uploaded`);
    return { ...report, written: { images: outcome.written.length, bytes: outcome.bytesUploaded } };
  });
}

/** Waits, as a phase of its own, for a preload registry started earlier; `build` shares it. */
export function announcePreloadRegistry(starting: Promise<StartedRegistry>, reporter: Reporter): Promise<StartedRegistry> {
  return reporter.phase('Preload registry', async () => {
    const registry = await starting;
    reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
    return registry;
  });
}

async function startMirrors(plan: Plan, { registries, reporter }: UpPorts): Promise<MirrorState[]> {
  const mirrors = await reporter.phase('Mirrors', () => registries.startMirrors(plan));
  for (const mirror of mirrors) {
    if (mirror.problem) reporter.warn(`mirror ${mirror.host} is not serving: ${mirror.problem}`);
    if (mirror.degraded) reporter.warn(`mirror ${mirror.host}: ${mirror.degraded}`);
  }
  return mirrors;
}

/** The local registry, and the plan's local entry on the port it got. */
function startLocalRegistry(plan: Plan, planned: LocalContainer, { registries, reporter }: UpPorts): Promise<{ registry: StartedRegistry; plan: LocalContainer }> {
  return reporter.phase('Local registry', async () => {
    const registry = await registries.startLocal(plan, (m) => reporter.info(m));
    const local = onPort(planned, registry.hostPort);
    reporter.info(`push to ${local.host} (${registry.name} ${registry.action})`);
    return { registry, plan: local };
  });
}

function writeHostsFiles(plan: Plan, local: LocalContainer | undefined, { hostsFiles, reporter }: UpPorts): Promise<string[]> {
  return reporter.phase('containerd hosts', () => hostsFiles.write(plan.hostsDir, planHostsFiles(plan, local)));
}

function ensureNodeImage(plan: Plan, { nodeImages, reporter }: UpPorts): Promise<NodeImageReport> {
  return reporter.phase('Kind node image', async () => {
    const report = await nodeImages.ensure(plan, (m) => reporter.info(m), (event) => reporter.progress?.(event));
    if (report.warning) reporter.warn(`node image ${report.ref}: ${report.warning}`);
    return report;
  });
}

function ensureCluster(plan: Plan, { cluster, reporter }: UpPorts, image: string | undefined): Promise<ClusterReport> {
  return reporter.phase('Kind cluster', () => cluster.ensure(plan, (m) => reporter.info(m), image));
}

function fetchedOf(images: readonly ImageResult[], nodeImage: NodeImageReport | undefined, created: boolean): Fetched {
  const preload = images.filter((i) => i.source !== 'daemon').reduce((sum, i) => sum + i.bytesCopied, 0);
  const node = nodeImage?.bytesFetched ?? 0;
  const kindMayPull = created && nodeImage?.daemon !== 'present' && nodeImage?.daemon !== 'loaded';
  return { preload, nodeImage: node, tools: 0, total: preload + node, ...(kindMayPull && { kindMayPull }) };
}

async function announceLocalRegistry(cluster: ClusterReport, host: string, { cluster: kind, reporter }: UpPorts): Promise<void> {
  await reporter.phase('Local registry hosting (KEP-1755)', async () => {
    const { problem } = await kind.announceLocalRegistry(cluster, host);
    if (problem === undefined) reporter.info(`kube-public/local-registry-hosting: ${host}`);
    else reporter.warn(`local-registry-hosting ConfigMap not applied: ${problem}`);
  });
}

/** Marks `work` handled at once, so a failure waits for whoever awaits it instead of ending the process. */
function background<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
