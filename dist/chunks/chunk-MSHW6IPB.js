import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  buildLogDir,
  ensureRegistryImage,
  launchPreloadRegistry,
  readyToRun,
  runBuilds
} from "./chunk-2WC7Z2QB.js";
import {
  assertOwnCluster,
  clusterExists,
  clusterNodes,
  clustersDir,
  createCluster,
  syncHostsIntoNodes,
  writeClusterState
} from "./chunk-CAOKACD6.js";
import {
  PortTakenError,
  ensureRegistry,
  publishing,
  waitForRegistry,
  withHomeLock
} from "./chunk-SV7II3PP.js";
import {
  LOCAL,
  WILDCARD,
  endpointFor,
  hasLocalProxy,
  localHostsFile,
  onPort,
  registryCredentials,
  registryHostingConfigMap,
  resolvePlan
} from "./chunk-7O5BMRIT.js";
import {
  KIND_NETWORK,
  REGISTRY_PORT,
  formatBytes,
  writeFileAtomic
} from "./chunk-BJTG7SL2.js";
import {
  hostNamespace,
  parseReference
} from "./chunk-6QVV3MEJ.js";

// src/core/containerd/hosts.ts
var DEFAULT_HOST_DIR = "_default";
function renderHostsFiles(input) {
  const wildcard = input.mirrors.find((m) => m.host === WILDCARD);
  const byHost = new Map(input.mirrors.filter((m) => m.host !== WILDCARD).map((m) => [m.host, m]));
  const hosts = [.../* @__PURE__ */ new Set([...input.preloadHosts, ...byHost.keys()])].sort();
  const files = /* @__PURE__ */ new Map();
  for (const host of hosts) {
    const endpoints = [];
    if (input.preloadHosts.includes(host)) endpoints.push(hostEntry(`http://${input.preloadContainer}:${REGISTRY_PORT}/v2/${hostNamespace(host)}`));
    const mirror = byHost.get(host) ?? wildcard;
    for (const endpoint of mirror?.endpoints ?? []) {
      endpoints.push(hostEntry(endpoint === LOCAL ? `http://${mirror?.container}:${REGISTRY_PORT}` : endpoint));
    }
    files.set(host, `server = ${quote(input.upstreamUrl(host))}

${endpoints.join("\n")}`);
  }
  if (wildcard) files.set(DEFAULT_HOST_DIR, wildcard.endpoints.map((e) => hostEntry(e)).join("\n"));
  return files;
}
function hostEntry(url) {
  const override = new URL(url).pathname.startsWith("/v2");
  return `[host.${quote(url)}]
  capabilities = ["pull", "resolve"]
${override ? "  override_path = true\n" : ""}`;
}
function quote(text) {
  return JSON.stringify(text);
}

// src/core/containerd/write-hosts.ts
import { readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
async function writeHostsDir(hostsDir, files) {
  const written = [];
  for (const [host, content] of files) {
    const path = join(hostsDir, host, "hosts.toml");
    await writeFileAtomic(path, content);
    written.push(path);
  }
  for (const entry of await readdir(hostsDir).catch(() => [])) {
    for (const file of await readdir(join(hostsDir, entry)).catch(() => [])) {
      if (file.endsWith(".tmp")) await rm(join(hostsDir, entry, file), { force: true });
    }
    if (files.has(entry)) continue;
    const isOurs = await stat(join(hostsDir, entry, "hosts.toml")).then(() => true, () => false);
    if (isOurs) await rm(join(hostsDir, entry), { recursive: true, force: true });
  }
  return written;
}

// src/core/mirrors/containers.ts
import { join as join3 } from "node:path";

// src/core/mirrors/scheduler-state.ts
import { readFile } from "node:fs/promises";
import { join as join2 } from "node:path";
var SCHEDULER_STATE = "scheduler-state.json";
var TTL_MS = 7 * 24 * 60 * 60 * 1e3;
async function refreshSchedulerState(dataDir, now = /* @__PURE__ */ new Date()) {
  const path = join2(dataDir, SCHEDULER_STATE);
  let state;
  try {
    state = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return 0;
  }
  if (typeof state !== "object" || state === null) return 0;
  const expiry = new Date(now.getTime() + TTL_MS).toISOString();
  let refreshed = 0;
  for (const entry of Object.values(state)) {
    if (entry && typeof entry === "object" && "ExpiryData" in entry) {
      entry.ExpiryData = expiry;
      refreshed++;
    }
  }
  await writeFileAtomic(path, JSON.stringify(state));
  return refreshed;
}

// src/core/mirrors/containers.ts
var MIRROR_READY_MS = 15e3;
function mirrorDataDir(data, host) {
  return join3(data, "data", host);
}
async function ensureMirrors(docker, setup) {
  const out = [];
  for (const entry of setup.entries.filter(hasLocalProxy)) out.push(await ensureMirror(docker, setup, entry));
  return out;
}
async function ensureMirror(docker, setup, entry) {
  const { host } = entry;
  if (!entry.container) throw new Error(`mirror ${host} has no container name in the plan`);
  const dataDir = mirrorDataDir(setup.data, host);
  const credentials = await setup.credentials(host);
  const env = { REGISTRY_PROXY_REMOTEURL: setup.upstreamUrl(host) };
  if (credentials) {
    env.REGISTRY_PROXY_USERNAME = credentials.username;
    env.REGISTRY_PROXY_PASSWORD = credentials.password;
  }
  const spec = { name: entry.container, role: "mirror", home: setup.home, image: setup.registryImage, dataDir, network: KIND_NETWORK, env, ...setup.publish && { publish: setup.publish } };
  await refreshSchedulerState(dataDir);
  const proxy = await startAndWait(docker, spec);
  if (proxy.registry) return { host, name: spec.name, dataDir, url: proxy.registry.url };
  const cacheOnly = await startAndWait(docker, { ...spec, env: {} });
  if (cacheOnly.registry) {
    return { host, name: spec.name, dataDir, url: cacheOnly.registry.url, degraded: `proxy cannot start (${proxy.problem}); serving its cache only` };
  }
  return { host, name: spec.name, dataDir, problem: `${proxy.problem} (see \`docker logs ${spec.name}\`); nodes fall back to the upstream` };
}
async function startAndWait(docker, spec) {
  try {
    const registry = await ensureRegistry(docker, spec);
    await waitForRegistry(registry.url, MIRROR_READY_MS, { docker, name: registry.name });
    return { registry };
  } catch (err) {
    return { problem: err.message };
  }
}

// src/core/report.ts
function timed(reporter) {
  const timings = [];
  return {
    timings,
    reporter: {
      ...reporter,
      async phase(name, work) {
        const start = performance.now();
        try {
          return await reporter.phase(name, work);
        } finally {
          timings.push({ name, ms: Math.round(performance.now() - start) });
        }
      }
    }
  };
}

// src/core/up.ts
import { statfs } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join4 } from "node:path";
var LOW_DISK_BYTES = 64 * 1024 * 1024;
async function up(options, deps, hooks = {}) {
  const { reporter, timings } = timed(deps.reporter);
  const resolving = performance.now();
  const plan = await resolvePlan(options, deps.reader);
  timings.push({ name: "Resolve sew.yaml", ms: Math.round(performance.now() - resolving) });
  for (const warning of plan.warnings) reporter.warn(warning);
  return withHomeLock(plan.sewHome, reporter, () => apply(plan, options, deps, hooks, reporter, timings), options.lockWaitMs);
}
async function apply(plan, options, deps, hooks, reporter, timings) {
  const building = options.build ? await readyToRun(plan.builds, options.env) : [];
  if (options.build && building.length === 0) reporter.warn("--build: no builds are declared in sew.yaml, nothing to build");
  const before = hooks.beforeRegistries;
  if (before) await reporter.phase(before.phase, () => before.run(plan));
  const localContainer = plan.local?.kind === "container" ? plan.local : void 0;
  const needsRegistries = plan.preload.refs.length > 0 || building.length > 0 || localContainer !== void 0 || (plan.mirrors?.entries.some((e) => e.endpoints.includes("local")) ?? false);
  const docker = needsRegistries || options.cluster ? await deps.docker() : void 0;
  const registryImage = docker && needsRegistries ? background(ensureRegistryImage(docker, plan, reporter)) : void 0;
  const preloadStarting = docker && (plan.preload.refs.length > 0 || building.length > 0) ? background(
    (async () => {
      await registryImage;
      return launchPreloadRegistry(docker, plan, options.env);
    })()
  ) : void 0;
  let builds = [];
  if (building.length > 0) {
    builds = await runBuilds(building, { root: plan.preload.data }, { env: options.env, logDir: buildLogDir(plan.sewHome) }, { ...deps, reporter });
  }
  let images = [];
  if (docker && plan.preload.refs.length > 0) {
    images = await reporter.phase(
      "Preload images",
      () => deps.preloader.preload(
        plan.preload.refs.map((r) => parseReference(r)),
        { root: plan.preload.data },
        {
          platforms: plan.preload.platforms,
          upstream: (host) => {
            const endpoint = endpointFor(plan.registries, host);
            return { url: endpoint.url, ...registryCredentials(endpoint, options.env) };
          },
          ...reporter.progress && { onProgress: reporter.progress },
          onNote: (message) => reporter.info(message)
        }
      )
    );
    for (const image of images) if (image.warning) reporter.warn(`${image.ref}: ${image.warning}`);
    if (images.some((i) => i.error)) {
      const free = await statfs(plan.preload.data).then((s) => s.bavail * s.bsize, () => void 0);
      if (free !== void 0 && free < LOW_DISK_BYTES) reporter.warn(`${plan.preload.data} has ${formatBytes(free)} free: the disk is full`);
    }
  }
  const preloadRegistry = preloadStarting ? await reporter.phase("Preload registry", async () => {
    const registry = await preloadStarting;
    reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
    return registry;
  }) : void 0;
  await registryImage;
  let mirrors = [];
  if (docker && plan.mirrors) {
    const mirrorsPlan = plan.mirrors;
    mirrors = await reporter.phase(
      "Mirrors",
      () => ensureMirrors(docker, {
        entries: mirrorsPlan.entries,
        data: mirrorsPlan.data,
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: (host) => credentialsFor(plan, host, options.env, deps),
        publish: publishing(options.env)
      })
    );
  }
  for (const mirror of mirrors) {
    if (mirror.problem) reporter.warn(`mirror ${mirror.host} is not serving: ${mirror.problem}`);
    if (mirror.degraded) reporter.warn(`mirror ${mirror.host}: ${mirror.degraded}`);
  }
  let localRegistry;
  let local = localContainer;
  if (docker && localContainer) {
    localRegistry = await reporter.phase("Local registry", async () => {
      const registry = await ensureLocalRegistry(docker, plan, localContainer, publishing(options.env), reporter);
      await waitForRegistry(registry.url);
      local = onPort(localContainer, registry.hostPort);
      reporter.info(`push to ${local.host} (${registry.name} ${registry.action})`);
      return registry;
    });
  }
  const wired = plan.preload.refs.length > 0 || plan.builds.length > 0 || plan.mirrors !== null || local !== void 0;
  const hostsFiles = wired ? await reporter.phase("containerd hosts", () => {
    const files = renderHostsFiles({
      preloadHosts: [...new Set([...plan.preload.refs, ...plan.builds.map((b) => b.image)].map((r) => parseReference(r).host))],
      preloadContainer: plan.preload.container,
      mirrors: plan.mirrors?.entries ?? [],
      upstreamUrl: (host) => endpointFor(plan.registries, host).url
    });
    if (local) files.set(...localHostsFile(local));
    return writeHostsDir(plan.hostsDir, files);
  }) : [];
  const cluster = options.cluster ? await reporter.phase("Kind cluster", () => ensureCluster(plan, options, deps, reporter)) : void 0;
  if (cluster && plan.local) {
    const host = local?.host ?? (plan.local.kind === "external" ? plan.local.pushTarget : plan.local.host);
    await reporter.phase("Local registry hosting (KEP-1755)", () => announceLocalRegistry(deps.exec, cluster, host, reporter));
  }
  return {
    plan,
    preload: {
      ...preloadRegistry && { registry: preloadRegistry.url },
      images,
      bytesCopied: images.reduce((sum, i) => sum + i.bytesCopied, 0)
    },
    mirrors: mirrors.map((m) => ({ host: m.host, container: m.name, ...m.url && { url: m.url }, ...m.problem && { problem: m.problem }, ...m.degraded && { degraded: m.degraded } })),
    hostsFiles,
    ...plan.local && { local: { pushTarget: local?.host ?? (plan.local.kind === "external" ? plan.local.pushTarget : plan.local.host), ...localRegistry && { url: localRegistry.url } } },
    ...cluster && { cluster },
    builds,
    phases: timings,
    failed: images.filter((i) => i.error).map((i) => i.ref)
  };
}
async function ensureLocalRegistry(docker, plan, local, publish, reporter) {
  const spec = (hostPort) => ({
    name: local.container,
    role: "local",
    home: plan.home.id,
    image: plan.registryImage,
    dataDir: local.data,
    network: KIND_NETWORK,
    ...hostPort !== void 0 && { hostPort },
    ...publish && { publish }
  });
  try {
    return await ensureRegistry(docker, spec(local.port));
  } catch (err) {
    if (!(err instanceof PortTakenError) || !local.portMayMove) throw err;
    reporter.info(`${err.message}; taking a free port instead`);
    return ensureRegistry(docker, spec());
  }
}
async function announceLocalRegistry(exec, cluster, host, reporter) {
  const args = ["--kubeconfig", cluster.kubeconfig, "--context", `kind-${cluster.name}`, "apply", "-f", "-"];
  const result = await exec.run("kubectl", args, { input: registryHostingConfigMap(host) }).catch((err) => ({ code: 1, stdout: "", stderr: err.message }));
  if (result.code === 0) reporter.info(`kube-public/local-registry-hosting: ${host}`);
  else reporter.warn(`local-registry-hosting ConfigMap not applied: ${result.stderr.trim().split("\n").at(-1)}`);
}
async function credentialsFor(plan, host, env, deps) {
  return registryCredentials(endpointFor(plan.registries, host), env) ?? await deps.dockerCredentials(host);
}
async function ensureCluster(plan, options, deps, reporter) {
  const name = plan.cluster.name;
  const kubeconfig = options.env.KUBECONFIG?.split(":")[0] || join4(options.env.HOME ?? homedir(), ".kube", "config");
  let action;
  let kindConfig;
  if (await clusterExists(deps.exec, name)) {
    await assertOwnCluster(deps.exec, plan.sewHome, name, "reused", plan.hostsDir);
    action = "reused";
    const synced = await syncHostsIntoNodes(deps.exec, await clusterNodes(deps.exec, name), plan.hostsDir);
    if (synced.length) reporter.info(`hosts.toml copied into ${synced.join(", ")}`);
    kindConfig = join4(clustersDir(plan.sewHome), `${name}.kind.yaml`);
  } else {
    action = "created";
    kindConfig = await createCluster(deps.exec, plan.kindConfig, clustersDir(plan.sewHome), {
      wait: options.wait ?? "60s",
      ...options.nodeImage && { image: options.nodeImage },
      onOutput: (chunk) => chunk.split("\n").filter((l) => l.trim()).forEach((l) => reporter.info(l.trim()))
    });
  }
  const state = await writeClusterState(plan.sewHome, {
    name,
    kubeconfig,
    kindConfig,
    hostsDir: plan.hostsDir,
    createdAt: (/* @__PURE__ */ new Date()).toISOString(),
    createdBy: "sew-ci"
  });
  return { name, action, kubeconfig, state };
}
function background(work) {
  work.catch(() => void 0);
  return work;
}

export {
  up
};
