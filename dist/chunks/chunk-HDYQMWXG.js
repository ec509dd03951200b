import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  localHostsFile,
  onPort
} from "./chunk-5PJVXLQS.js";
import {
  LOCAL,
  REGISTRY_PORT,
  WILDCARD,
  endpointFor
} from "./chunk-EGITYCD6.js";
import {
  hostNamespace
} from "./chunk-Z6TURJHQ.js";

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
function planHostsFiles(plan, local) {
  const files = renderHostsFiles({
    preloadHosts: plan.preload.hosts,
    preloadContainer: plan.preload.container,
    mirrors: plan.mirrors?.entries ?? [],
    upstreamUrl: (host) => endpointFor(plan.registries, host).url
  });
  if (local) files.set(...localHostsFile(local));
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

// src/core/up.ts
async function up(plan, ports) {
  const { needs } = plan;
  if (needs.cluster) await ports.cluster.available();
  if (needs.docker) await ports.reporter.phase("Connect to Docker", () => ports.registries.connect());
  const preloadStarting = needs.preloadRegistry ? background(ports.registries.startPreload(plan, (m) => ports.reporter.info(m))) : void 0;
  const builds = needs.builds ? await ports.builder.run(plan.builds, { root: plan.preload.data, logDir: plan.buildLogs }, ports.reporter) : [];
  const { images, cacheRegistryProblem } = needs.preloadImages ? await preloadImages(plan, ports) : { images: [] };
  const fromUpstreams = images.filter((i) => i.source === "copied");
  const writing = plan.cacheRegistry?.mode === "readwrite" && cacheRegistryProblem === void 0 && fromUpstreams.length > 0 ? background(ports.preloader.writeBack(plan, fromUpstreams)) : void 0;
  const preloadRegistry = preloadStarting ? await announcePreloadRegistry(preloadStarting, ports.reporter) : void 0;
  const mirrors = needs.mirrors ? await startMirrors(plan, ports) : [];
  const local = plan.local?.kind === "container" ? await startLocalRegistry(plan, plan.local, ports) : void 0;
  const hostsFiles = needs.hostsFiles ? await writeHostsFiles(plan, local?.plan, ports) : [];
  const nodeImage = needs.nodeImage ? await ensureNodeImage(plan, ports) : void 0;
  const cluster = needs.cluster ? await ensureCluster(plan, ports, nodeImage?.image) : void 0;
  const pushTarget = local?.plan.pushTarget ?? plan.local?.pushTarget;
  if (cluster && pushTarget !== void 0) await announceLocalRegistry(cluster, pushTarget, ports);
  const cacheRegistry = plan.cacheRegistry && needs.preloadImages ? await cacheRegistryReport(plan.cacheRegistry, images, writing, ports.reporter) : void 0;
  return {
    plan,
    preload: { ...preloadRegistry && { registry: preloadRegistry.url }, images, bytesCopied: images.reduce((sum, i) => sum + i.bytesCopied, 0) },
    ...cacheRegistry && { cacheRegistry },
    mirrors,
    hostsFiles,
    ...pushTarget !== void 0 && { local: { pushTarget, ...local && { url: local.registry.url } } },
    ...nodeImage && { nodeImage },
    ...cluster && { cluster },
    fetched: fetchedOf(images, nodeImage, cluster?.action === "created"),
    builds,
    failed: images.filter((i) => i.error).map((i) => i.ref)
  };
}
async function preloadImages(plan, { preloader, reporter }) {
  const outcome = await reporter.phase("Preload images", () => preloader.preload(plan, (event) => event.type === "retrying" ? reporter.info(event.message) : reporter.progress?.(event)));
  for (const image of outcome.images) if (image.warning) reporter.warn(`${image.ref}: ${image.warning}`);
  for (const warning of [...outcome.warnings, ...outcome.cacheRegistryProblem !== void 0 ? [outcome.cacheRegistryProblem] : []]) reporter.warn(warning);
  return outcome;
}
function cacheRegistryLine(report, size) {
  const { served, fromUpstreams, written } = report;
  const wrote = written === void 0 ? report.mode === "read" ? "; read only" : "" : `; ${written.images} image(s), ${size(written.bytes)} written back`;
  return `cache registry ${report.ref} (${report.mode}): ${served.images} image(s), ${size(served.bytes)} served; ${fromUpstreams.images} image(s), ${size(fromUpstreams.bytes)} from upstreams${wrote}`;
}
async function cacheRegistryReport(cache, images, writing, reporter) {
  const share = (source) => {
    const from = images.filter((i) => i.source === source);
    return { images: from.length, bytes: from.reduce((sum, i) => sum + i.bytesCopied, 0) };
  };
  const report = { ref: cache.ref, mode: cache.mode, served: share("cache-registry"), fromUpstreams: share("copied") };
  if (writing === void 0) return report;
  return reporter.phase("Cache registry write", async () => {
    const outcome = await writing;
    if (outcome.warning !== void 0) reporter.warn(outcome.warning);
    reporter.info(`${cache.ref}: ${outcome.written.length} image(s) written, ${outcome.bytesUploaded} bytes uploaded`);
    return { ...report, written: { images: outcome.written.length, bytes: outcome.bytesUploaded } };
  });
}
function announcePreloadRegistry(starting, reporter) {
  return reporter.phase("Preload registry", async () => {
    const registry = await starting;
    reporter.info(`${registry.name} ${registry.action} at ${registry.url}`);
    return registry;
  });
}
async function startMirrors(plan, { registries, reporter }) {
  const mirrors = await reporter.phase("Mirrors", () => registries.startMirrors(plan));
  for (const mirror of mirrors) {
    if (mirror.problem) reporter.warn(`mirror ${mirror.host} is not serving: ${mirror.problem}`);
    if (mirror.degraded) reporter.warn(`mirror ${mirror.host}: ${mirror.degraded}`);
  }
  return mirrors;
}
function startLocalRegistry(plan, planned, { registries, reporter }) {
  return reporter.phase("Local registry", async () => {
    const registry = await registries.startLocal(plan, (m) => reporter.info(m));
    const local = onPort(planned, registry.hostPort);
    reporter.info(`push to ${local.host} (${registry.name} ${registry.action})`);
    return { registry, plan: local };
  });
}
function writeHostsFiles(plan, local, { hostsFiles, reporter }) {
  return reporter.phase("containerd hosts", () => hostsFiles.write(plan.hostsDir, planHostsFiles(plan, local)));
}
function ensureNodeImage(plan, { nodeImages, reporter }) {
  return reporter.phase("Kind node image", async () => {
    const report = await nodeImages.ensure(plan, (m) => reporter.info(m), (event) => reporter.progress?.(event));
    if (report.warning) reporter.warn(`node image ${report.ref}: ${report.warning}`);
    return report;
  });
}
function ensureCluster(plan, { cluster, reporter }, image) {
  return reporter.phase("Kind cluster", () => cluster.ensure(plan, (m) => reporter.info(m), image));
}
function fetchedOf(images, nodeImage, created) {
  const preload = images.filter((i) => i.source !== "daemon").reduce((sum, i) => sum + i.bytesCopied, 0);
  const node = nodeImage?.bytesFetched ?? 0;
  const kindMayPull = created && nodeImage?.daemon !== "present" && nodeImage?.daemon !== "loaded";
  return { preload, nodeImage: node, tools: 0, total: preload + node, ...kindMayPull && { kindMayPull } };
}
async function announceLocalRegistry(cluster, host, { cluster: kind, reporter }) {
  await reporter.phase("Local registry hosting (KEP-1755)", async () => {
    const { problem } = await kind.announceLocalRegistry(cluster, host);
    if (problem === void 0) reporter.info(`kube-public/local-registry-hosting: ${host}`);
    else reporter.warn(`local-registry-hosting ConfigMap not applied: ${problem}`);
  });
}
function background(work) {
  work.catch(() => void 0);
  return work;
}

export {
  up,
  cacheRegistryLine,
  announcePreloadRegistry
};
