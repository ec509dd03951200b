// `up`: plan -> registries -> preload -> mirrors -> hosts.toml -> Kind. Each phase is a
// short call into the module that owns it; this file only orders them and collects the report.
import { endpointFor, registryCredentials, type Credentials } from './config/registries.js';
import type { SourceReader } from './config/sources.js';
import { renderHostsFiles } from './containerd/hosts.js';
import { writeHostsDir } from './containerd/write-hosts.js';
import { KIND_NETWORK } from './home/names.js';
import { launchPreloadRegistry } from './containers/preload-registry.js';
import { ensureRegistry, PortTakenError, publishing, waitForRegistry, type RegistrySpec, type RunningRegistry } from './containers/registry.js';
import type { Exec } from './exec/exec.js';
import { buildLogDir, readyToRun, runBuilds, type BuildReport } from './build/run.js';
import type { RegistryResolver } from './oci/access.js';
import type { LocalImages } from './daemon/local-images.js';
import { parseReference, type ImageRef } from './images/reference.js';
import { clusterExists, clusterNodes, createCluster, syncHostsIntoNodes } from './kind/cluster.js';
import { assertOwnCluster } from './kind/ownership.js';
import { clustersDir, writeClusterState } from './kind/state.js';
import { localHostsFile, onPort, registryHostingConfigMap, type LocalPlan } from './local/local-registry.js';
import { ensureMirrors, type RunningMirror } from './mirrors/containers.js';
import { resolvePlan, type Plan, type PlanOptions } from './plan.js';
import type { ContainerEngine } from './ports/container-engine.js';
import { formatBytes } from './format.js';
import { withHomeLock } from './lock.js';
import { timed, type PhaseTiming, type ProgressEvent, type Reporter } from './report.js';
import { statfs } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type ImageSource = 'hit' | 'copied' | 'daemon';

const LOW_DISK_BYTES = 64 * 1024 * 1024;

export interface ImageReport {
  readonly ref: string;
  readonly digest?: string;
  readonly source?: ImageSource;
  readonly bytesCopied: number;
  readonly size?: number;
  readonly error?: string;
  readonly warning?: string;
}

/** The blob copier, as `up` uses it. */
export interface Preloader {
  preload(
    refs: readonly ImageRef[],
    target: { root: string },
    options: {
      platforms: readonly string[] | 'all';
      upstream: RegistryResolver;
      onProgress?: (event: ProgressEvent) => void;
      /** Things worth a line in the log, such as an upstream being retried. */
      onNote?: (message: string) => void;
    },
  ): Promise<ImageReport[]>;
}

export interface UpDeps {
  readonly docker: () => Promise<ContainerEngine>;
  readonly exec: Exec;
  readonly reporter: Reporter;
  readonly preloader: Preloader;
  /** Credentials for a host from the Docker config, when images.registries has none. */
  readonly dockerCredentials: (host: string) => Promise<Credentials | undefined>;
  /** The Docker daemon's images: where builds are pushed from. */
  readonly localImages: LocalImages;
  readonly reader?: SourceReader;
}

export interface UpOptions extends PlanOptions {
  /** Create (or reuse) the Kind cluster; false for --no-cluster. */
  readonly cluster: boolean;
  readonly nodeImage?: string;
  readonly wait?: string;
  /** How long to wait for another run holding the same $SEW_HOME. */
  readonly lockWaitMs?: number;
  /** Run every declared build first (--build). */
  readonly build?: boolean;
}

export interface UpResult {
  readonly plan: Plan;
  readonly preload: { readonly registry?: string; readonly images: readonly ImageReport[]; readonly bytesCopied: number };
  readonly mirrors: readonly { readonly host: string; readonly container: string; readonly url?: string; readonly problem?: string; readonly degraded?: string }[];
  readonly hostsFiles: readonly string[];
  /** Where to push your own images: `localhost:5050`, or the external registry. */
  readonly local?: { readonly pushTarget: string; readonly url?: string };
  readonly cluster?: { readonly name: string; readonly action: 'created' | 'reused'; readonly kubeconfig: string; readonly state: string };
  /** What --build built and put into the preload registry. */
  readonly builds: readonly BuildReport[];
  readonly phases: readonly PhaseTiming[];
  /** Images that could not be preloaded: the run did everything else, and exits 1. */
  readonly failed: readonly string[];
}

export interface UpHooks {
  /** Runs between the plan and the registries: where the action restores the CI cache. */
  readonly beforeRegistries?: { readonly phase: string; run(plan: Plan): Promise<void> };
}

export async function up(options: UpOptions, deps: UpDeps, hooks: UpHooks = {}): Promise<UpResult> {
  const { reporter, timings } = timed(deps.reporter);
  // Timed but not announced: bad input must be the only line a user sees.
  const resolving = performance.now();
  const plan = await resolvePlan(options, deps.reader);
  timings.push({ name: 'Resolve sew.yaml', ms: Math.round(performance.now() - resolving) });
  for (const warning of plan.warnings) reporter.warn(warning);
  return withHomeLock(plan.sewHome, reporter, () => apply(plan, options, deps, hooks, reporter, timings), options.lockWaitMs);
}

async function apply(plan: Plan, options: UpOptions, deps: UpDeps, hooks: UpHooks, reporter: Reporter, timings: PhaseTiming[]): Promise<UpResult> {
  const building = options.build ? await readyToRun(plan.builds, options.env) : [];
  if (options.build && building.length === 0) reporter.warn('--build: no builds are declared in sew.yaml, nothing to build');
  const before = hooks.beforeRegistries;
  if (before) await reporter.phase(before.phase, () => before.run(plan));

  const localContainer = plan.local?.kind === 'container' ? plan.local : undefined;
  const needsRegistries = plan.preload.refs.length > 0 || building.length > 0 || localContainer !== undefined || (plan.mirrors?.entries.some((e) => e.endpoints.includes('local')) ?? false);
  const docker = needsRegistries || options.cluster ? await deps.docker() : undefined;
  // The preload container comes up while the images are copied and built: both write the
  // storage directly, and only what comes after needs the registry.
  const preloadStarting = docker && (plan.preload.refs.length > 0 || building.length > 0) ? background(launchPreloadRegistry(docker, plan, options.env, reporter)) : undefined;

  let builds: BuildReport[] = [];
  if (building.length > 0) {
    builds = await runBuilds(building, { root: plan.preload.data }, { env: options.env, logDir: buildLogDir(plan.sewHome) }, { ...deps, reporter });
  }
  let images: ImageReport[] = [];
  if (docker && plan.preload.refs.length > 0) {
    images = await reporter.phase('Preload images', () =>
      deps.preloader.preload(
        plan.preload.refs.map((r) => parseReference(r)),
        { root: plan.preload.data },
        {
          platforms: plan.preload.platforms,
          upstream: (host) => {
            const endpoint = endpointFor(plan.registries, host);
            return { url: endpoint.url, ...registryCredentials(endpoint, options.env) };
          },
          ...(reporter.progress && { onProgress: reporter.progress }),
          onNote: (message) => reporter.info(message),
        },
      ),
    );
    for (const image of images) if (image.warning) reporter.warn(`${image.ref}: ${image.warning}`);
    if (images.some((i) => i.error)) {
      // A full disk reaches us as the registry's bare HTTP 500: name the likely cause.
      const free = await statfs(plan.preload.data).then((s) => s.bavail * s.bsize, () => undefined);
      if (free !== undefined && free < LOW_DISK_BYTES) reporter.warn(`${plan.preload.data} has ${formatBytes(free)} free: the disk is full`);
    }
  }

  const preloadRegistry = preloadStarting
    ? await reporter.phase('Preload registry', async () => {
        const registry = await preloadStarting;
        reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
        return registry;
      })
    : undefined;

  let mirrors: RunningMirror[] = [];
  if (docker && plan.mirrors) {
    const mirrorsPlan = plan.mirrors;
    mirrors = await reporter.phase('Mirrors', () =>
      ensureMirrors(docker, {
        entries: mirrorsPlan.entries,
        data: mirrorsPlan.data,
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: (host) => credentialsFor(plan, host, options.env, deps),
        publish: publishing(options.env),
      }),
    );
  }

  for (const mirror of mirrors) {
    if (mirror.problem) reporter.warn(`mirror ${mirror.host} is not serving: ${mirror.problem}`);
    if (mirror.degraded) reporter.warn(`mirror ${mirror.host}: ${mirror.degraded}`);
  }

  let localRegistry: RunningRegistry | undefined;
  let local = localContainer;
  if (docker && localContainer) {
    localRegistry = await reporter.phase('Local registry', async () => {
      const registry = await ensureLocalRegistry(docker, plan, localContainer, publishing(options.env), reporter);
      await waitForRegistry(registry.url);
      local = onPort(localContainer, registry.hostPort);
      reporter.info(`push to ${local.host} (${registry.name} ${registry.action})`);
      return registry;
    });
  }

  const wired = plan.preload.refs.length > 0 || plan.builds.length > 0 || plan.mirrors !== null || local !== undefined;
  const hostsFiles = wired
    ? await reporter.phase('containerd hosts', () => {
        const files = renderHostsFiles({
          preloadHosts: [...new Set([...plan.preload.refs, ...plan.builds.map((b) => b.image)].map((r) => parseReference(r).host))],
          preloadContainer: plan.preload.container,
          mirrors: plan.mirrors?.entries ?? [],
          upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        });
        if (local) files.set(...localHostsFile(local));
        return writeHostsDir(plan.hostsDir, files);
      })
    : [];

  const cluster = options.cluster ? await reporter.phase('Kind cluster', () => ensureCluster(plan, options, deps, reporter)) : undefined;
  if (cluster && plan.local) {
    const host = local?.host ?? (plan.local.kind === 'external' ? plan.local.pushTarget : plan.local.host);
    await reporter.phase('Local registry hosting (KEP-1755)', () => announceLocalRegistry(deps.exec, cluster, host, reporter));
  }

  return {
    plan,
    preload: {
      ...(preloadRegistry && { registry: preloadRegistry.url }),
      images,
      bytesCopied: images.reduce((sum, i) => sum + i.bytesCopied, 0),
    },
    mirrors: mirrors.map((m) => ({ host: m.host, container: m.name, ...(m.url && { url: m.url }), ...(m.problem && { problem: m.problem }), ...(m.degraded && { degraded: m.degraded }) })),
    hostsFiles,
    ...(plan.local && { local: { pushTarget: local?.host ?? (plan.local.kind === 'external' ? plan.local.pushTarget : plan.local.host), ...(localRegistry && { url: localRegistry.url }) } }),
    ...(cluster && { cluster }),
    builds,
    phases: timings,
    failed: images.filter((i) => i.error).map((i) => i.ref),
  };
}

/** The home's own port, or any free one when another process holds a port the home only picked. */
async function ensureLocalRegistry(
  docker: ContainerEngine,
  plan: Plan,
  local: Extract<LocalPlan, { kind: 'container' }>,
  publish: RegistrySpec['publish'],
  reporter: Reporter,
): Promise<RunningRegistry> {
  const spec = (hostPort?: number): RegistrySpec => ({
    name: local.container,
    role: 'local',
    home: plan.home.id,
    image: plan.registryImage,
    dataDir: local.data,
    network: KIND_NETWORK,
    ...(hostPort !== undefined && { hostPort }),
    ...(publish && { publish }),
  });
  try {
    return await ensureRegistry(docker, spec(local.port));
  } catch (err) {
    if (!(err instanceof PortTakenError) || !local.portMayMove) throw err;
    reporter.info(`${err.message}; taking a free port instead`);
    return ensureRegistry(docker, spec());
  }
}

/** The ConfigMap is a courtesy to tools in the cluster: a failure to apply it only warns. */
async function announceLocalRegistry(exec: Exec, cluster: NonNullable<UpResult['cluster']>, host: string, reporter: Reporter): Promise<void> {
  const args = ['--kubeconfig', cluster.kubeconfig, '--context', `kind-${cluster.name}`, 'apply', '-f', '-'];
  const result = await exec.run('kubectl', args, { input: registryHostingConfigMap(host) }).catch((err: Error) => ({ code: 1, stdout: '', stderr: err.message }));
  if (result.code === 0) reporter.info(`kube-public/local-registry-hosting: ${host}`);
  else reporter.warn(`local-registry-hosting ConfigMap not applied: ${result.stderr.trim().split('\n').at(-1)}`);
}

async function credentialsFor(plan: Plan, host: string, env: NodeJS.ProcessEnv, deps: UpDeps): Promise<Credentials | undefined> {
  return registryCredentials(endpointFor(plan.registries, host), env) ?? (await deps.dockerCredentials(host));
}

async function ensureCluster(plan: Plan, options: UpOptions, deps: UpDeps, reporter: Reporter): Promise<NonNullable<UpResult['cluster']>> {
  const name = plan.cluster.name;
  const kubeconfig = options.env.KUBECONFIG?.split(':')[0] || join(options.env.HOME ?? homedir(), '.kube', 'config');
  let action: 'created' | 'reused';
  let kindConfig: string;
  if (await clusterExists(deps.exec, name)) {
    await assertOwnCluster(deps.exec, plan.sewHome, name, 'reused', plan.hostsDir);
    action = 'reused';
    const synced = await syncHostsIntoNodes(deps.exec, await clusterNodes(deps.exec, name), plan.hostsDir);
    if (synced.length) reporter.info(`hosts.toml copied into ${synced.join(', ')}`);
    kindConfig = join(clustersDir(plan.sewHome), `${name}.kind.yaml`);
  } else {
    action = 'created';
    kindConfig = await createCluster(deps.exec, plan.kindConfig, clustersDir(plan.sewHome), {
      wait: options.wait ?? '60s',
      ...(options.nodeImage && { image: options.nodeImage }),
      onOutput: (chunk) => chunk.split('\n').filter((l) => l.trim()).forEach((l) => reporter.info(l.trim())),
    });
  }
  const state = await writeClusterState(plan.sewHome, {
    name,
    kubeconfig,
    kindConfig,
    hostsDir: plan.hostsDir,
    createdAt: new Date().toISOString(),
    createdBy: 'sew-ci',
  });
  return { name, action, kubeconfig, state };
}

/** Marks `work` handled at once, so a failure waits for whoever awaits it instead of ending the process. */
function background<T>(work: Promise<T>): Promise<T> {
  work.catch(() => undefined);
  return work;
}
