import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  importFromDaemon
} from "./chunk-5H6HYQPU.js";
import {
  TooLargeError,
  TransportError,
  carriesCredentials,
  discard,
  planFacts,
  readCapped,
  readReply,
  realmRefusal,
  redirectRefusal,
  send,
  sourceReader
} from "./chunk-34UAOX5J.js";
import {
  DigestMismatchError,
  PreloadStore
} from "./chunk-PCMPPVJS.js";
import {
  MANIFEST_ACCEPT,
  ManifestFormatError,
  blobDataPath,
  isIndex,
  parseManifest,
  requiredBlobs,
  sha256Digest
} from "./chunk-ZFLQE3JO.js";
import {
  writeFileAtomic
} from "./chunk-TCWCERWE.js";
import {
  CERTS_DIR,
  KIND_CONFIG_SUFFIX,
  KIND_NETWORK,
  REGISTRY_PORT,
  STATE_SUFFIX,
  clustersDir,
  endpointCredentials,
  endpointFor,
  hasLocalProxy,
  kindConfigPath,
  realPath,
  statePath,
  upstreamAccess
} from "./chunk-EGITYCD6.js";
import {
  cacheRepository,
  literal,
  object,
  require_dist,
  string
} from "./chunk-AGVPR22D.js";
import {
  formatPlatform,
  hostPlatform,
  parsePlatform,
  selectPlatform
} from "./chunk-EBQAAFSX.js";
import {
  displayUrl,
  formatBytes,
  homeDir
} from "./chunk-Z7SXRXQX.js";
import {
  SHA256_DIGEST,
  formatReference,
  parseReference,
  preloadRepository
} from "./chunk-Z6TURJHQ.js";
import {
  InputError,
  RuntimeError
} from "./chunk-G6VKCFWK.js";
import {
  __toESM
} from "./chunk-I64FK5AC.js";

// src/core/adapters/containers/registry.ts
import { createHash } from "node:crypto";
import { mkdir } from "node:fs/promises";

// src/core/ports/container-engine.ts
var EngineError = class extends RuntimeError {
  constructor(message, failure) {
    super(message);
    this.failure = failure;
  }
  failure;
};

// src/core/adapters/containers/image.ts
async function ensureImage(engine, image, onPull) {
  if (await engine.hasImage(image)) return "present";
  onPull?.(image);
  await engine.pullImage(image);
  return "pulled";
}

// src/core/adapters/containers/registry.ts
var MANAGED_LABEL = "sew-ci.managed";
var ROLE_LABEL = "sew-ci.role";
var HOME_LABEL = "sew-ci.home";
var SPEC_LABEL = "sew-ci.spec";
var REGISTRY_STORAGE = "/var/lib/registry";
async function ensureRegistry(engine, spec, options = {}) {
  const fingerprint = specFingerprint(spec);
  const existing = await engine.inspect(spec.name);
  if (existing?.running && !existing.restarting && existing.labels[SPEC_LABEL] === fingerprint) {
    const hostPort2 = publishedPort(existing, address(spec));
    if (hostPort2 !== void 0) return running(spec, hostPort2, "kept");
  }
  await engine.ensureNetwork(spec.network, { [MANAGED_LABEL]: "true" });
  await ensureImage(engine, spec.image, options.onPull);
  if (existing) await engine.remove(spec.name);
  await mkdir(spec.dataDir, { recursive: true });
  let started;
  try {
    started = await engine.run({
      name: spec.name,
      image: spec.image,
      env: spec.env ?? {},
      labels: { [MANAGED_LABEL]: "true", [ROLE_LABEL]: spec.role, [HOME_LABEL]: spec.home, [SPEC_LABEL]: fingerprint },
      network: spec.network,
      mounts: [{ source: spec.dataDir, target: REGISTRY_STORAGE }],
      ports: [{ containerPort: REGISTRY_PORT, hostIp: address(spec), hostPort: spec.hostPort ?? 0 }],
      restartUnlessStopped: true
    });
  } catch (err) {
    if (err instanceof EngineError && err.failure === "port-taken" && spec.hostPort !== void 0) throw await portTaken(engine, spec, spec.hostPort);
    throw err;
  }
  const hostPort = publishedPort(started, address(spec));
  if (hostPort === void 0) {
    const crashed = await crashReason(engine, spec.name);
    throw new RuntimeError(crashed ? `registry ${spec.name} exits at start: ${crashed}` : `container ${spec.name} started without a published port`);
  }
  return running(spec, hostPort, existing ? "replaced" : "created");
}
async function waitForRegistry(url, timeoutMs = 3e4, container) {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    try {
      const reply = await send(new URL(`${url}/v2/`), { method: "GET", stallMs: 2e3 });
      await discard(reply);
      if (reply.status === 200 || reply.status === 401) return;
      last = `HTTP ${reply.status}`;
    } catch (err) {
      last = err.message;
    }
    const crashed = container && await crashReason(container.engine, container.name);
    if (crashed) throw new RuntimeError(`registry ${container.name} exits at start: ${crashed}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new RuntimeError(`registry at ${url} did not become ready within ${timeoutMs / 1e3} s (${last})`);
}
function address(spec) {
  return spec.publish?.address ?? "127.0.0.1";
}
function running(spec, hostPort, action) {
  const host = spec.publish?.host ?? "127.0.0.1";
  return { name: spec.name, url: `http://${host}:${hostPort}`, hostPort, networkUrl: `http://${spec.name}:${REGISTRY_PORT}`, action };
}
function publishedPort(state, hostIp) {
  return state.ports.find((p) => p.containerPort === REGISTRY_PORT && (p.hostIp === hostIp || p.hostIp === "") && p.hostPort > 0)?.hostPort;
}
function specFingerprint(spec) {
  const env = Object.entries(spec.env ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const canonical = JSON.stringify({ image: spec.image, dataDir: spec.dataDir, network: spec.network, port: spec.hostPort ?? null, env, role: spec.role, home: spec.home, address: address(spec) });
  return createHash("sha256").update(canonical).digest("hex").slice(0, 16);
}
async function portTaken(engine, spec, port) {
  const containers = await engine.list({}).catch(() => []);
  const holder = containers.find((c) => c.ports.some((p) => p.hostPort === port))?.name;
  const by = holder ? ` by container ${holder}` : " by another process";
  return new EngineError(`port ${address(spec)}:${port} for ${spec.name} is already taken${by}`, "port-taken");
}
async function crashReason(engine, name) {
  const state = await engine.inspect(name).catch(() => void 0);
  if (!state || state.running && !state.restarting && state.restartCount === 0) return void 0;
  const lines = await engine.logs(name, 20).catch(() => []);
  return lines.find((l) => l.startsWith("panic:")) ?? lines.at(-1) ?? `state ${state.status}`;
}

// src/core/adapters/containers/scheduler-state.ts
import { readFile } from "node:fs/promises";
import { join } from "node:path";
var SCHEDULER_STATE = "scheduler-state.json";
var TTL_MS = 7 * 24 * 60 * 60 * 1e3;
async function refreshSchedulerState(dataDir, now = /* @__PURE__ */ new Date()) {
  const path = join(dataDir, SCHEDULER_STATE);
  let state;
  try {
    state = JSON.parse(await readFile(path, "utf8"));
  } catch {
    return 0;
  }
  if (typeof state !== "object" || state === null) return 0;
  const expiry = new Date(now.getTime() + TTL_MS).toISOString();
  let refreshed = 0;
  for (const entry2 of Object.values(state)) {
    if (entry2 && typeof entry2 === "object" && "ExpiryData" in entry2) {
      entry2.ExpiryData = expiry;
      refreshed++;
    }
  }
  await writeFileAtomic(path, JSON.stringify(state));
  return refreshed;
}

// src/core/adapters/containers/mirrors.ts
var MIRROR_READY_MS = 15e3;
async function ensureMirrors(engine, setup) {
  const out = [];
  for (const entry2 of setup.entries.filter(hasLocalProxy)) out.push(await ensureMirror(engine, setup, entry2));
  return out;
}
async function ensureMirror(engine, setup, entry2) {
  const { host } = entry2;
  const { container, storage: dataDir } = entry2;
  if (!container || !dataDir) throw new Error(`mirror ${host} has no container or storage in the plan`);
  const credentials = await setup.credentials(host);
  const env = { REGISTRY_PROXY_REMOTEURL: setup.upstreamUrl(host) };
  if (credentials) {
    env.REGISTRY_PROXY_USERNAME = credentials.username;
    env.REGISTRY_PROXY_PASSWORD = credentials.password;
  }
  const spec = { name: container, role: "mirror", home: setup.home, image: setup.registryImage, dataDir, network: KIND_NETWORK, env, ...setup.publish && { publish: setup.publish } };
  await refreshSchedulerState(dataDir);
  const proxy = await startAndWait(engine, spec);
  if (proxy.registry) return { host, container, dataDir, url: proxy.registry.url };
  const cacheOnly = await startAndWait(engine, { ...spec, env: {} });
  if (cacheOnly.registry) {
    return { host, container, dataDir, url: cacheOnly.registry.url, degraded: `proxy cannot start (${proxy.problem}); serving its cache only` };
  }
  return { host, container, dataDir, problem: `${proxy.problem} (see \`docker logs ${spec.name}\`); nodes fall back to the upstream` };
}
async function startAndWait(engine, spec) {
  try {
    const registry = await ensureRegistry(engine, spec);
    await waitForRegistry(registry.url, MIRROR_READY_MS, { engine, name: registry.name });
    return { registry };
  } catch (err) {
    return { problem: err.message };
  }
}

// src/core/adapters/containers/planned-port.ts
async function onPlannedPort(local, start, note) {
  try {
    return await start(local.port);
  } catch (err) {
    if (!(err instanceof EngineError && err.failure === "port-taken") || !local.portMayMove) throw err;
    note(`${err.message}; taking a free port instead`);
    return start();
  }
}

// src/core/adapters/containers/preload-registry.ts
async function launchPreloadRegistry(engine, plan, note) {
  const registry = await ensureRegistry(
    engine,
    {
      name: plan.preload.container,
      role: "preload",
      home: plan.home.id,
      image: plan.registryImage,
      dataDir: plan.preload.data,
      network: KIND_NETWORK,
      publish: plan.publish
    },
    { onPull: (image) => note(`pulling ${image}`) }
  );
  await waitForRegistry(registry.url, void 0, { engine, name: registry.name });
  return registry;
}

// src/core/adapters/containers/stop.ts
function homeContainers(engine, home, options = {}) {
  return engine.list({ [MANAGED_LABEL]: "true", [HOME_LABEL]: home }, options);
}
async function stopRegistries(engine, home, only) {
  const running3 = (await homeContainers(engine, home)).filter((c) => only === void 0 || only.includes(c.name));
  await Promise.all(running3.map((c) => engine.stop(c.name).catch(() => void 0)));
  return running3.map((c) => c.name);
}

// src/core/adapters/containers/registries.ts
function dockerRegistries(docker, env, dockerCredentials) {
  return {
    connect: async () => void await docker(),
    startPreload: async (plan, note) => launchPreloadRegistry(await docker(), plan, note),
    async startMirrors(plan) {
      return ensureMirrors(await docker(), {
        entries: plan.mirrors?.entries ?? [],
        registryImage: plan.registryImage,
        home: plan.home.id,
        upstreamUrl: (host) => endpointFor(plan.registries, host).url,
        credentials: (host) => endpointCredentials(endpointFor(plan.registries, host), env, dockerCredentials),
        publish: plan.publish
      });
    },
    async startLocal(plan, note) {
      const local = localContainer(plan);
      const engine = await docker();
      const spec = { name: local.container, role: "local", home: plan.home.id, image: plan.registryImage, dataDir: local.data, network: KIND_NETWORK, publish: plan.publish };
      const registry = await onPlannedPort(local, (hostPort) => ensureRegistry(engine, { ...spec, ...hostPort !== void 0 && { hostPort } }), note);
      await waitForRegistry(registry.url);
      return registry;
    },
    stop: async (home, only) => stopRegistries(await docker(), home, only),
    async removeAll(home) {
      const engine = await docker();
      const removed = [];
      for (const container of await homeContainers(engine, home, { all: true })) {
        const data = container.mounts.find((m) => m.target === REGISTRY_STORAGE)?.source;
        removed.push({ name: container.name, removed: await engine.remove(container.name), ...data !== void 0 && { data } });
      }
      return removed;
    }
  };
}
function localContainer(plan) {
  if (plan.local?.kind !== "container") throw new Error("the plan starts no local registry container");
  return plan.local;
}

// src/core/adapters/hosts-files.ts
import { readdir, rm, stat } from "node:fs/promises";
import { join as join2 } from "node:path";
async function writeHostsDir(hostsDir, files) {
  const written = [];
  for (const [host, content] of files) {
    const path = join2(hostsDir, host, "hosts.toml");
    await writeFileAtomic(path, content);
    written.push(path);
  }
  for (const entry2 of await readdir(hostsDir).catch(() => [])) {
    for (const file of await readdir(join2(hostsDir, entry2)).catch(() => [])) {
      if (file.endsWith(".tmp")) await rm(join2(hostsDir, entry2, file), { force: true });
    }
    if (files.has(entry2)) continue;
    const isOurs = await stat(join2(hostsDir, entry2, "hosts.toml")).then(() => true, () => false);
    if (isOurs) await rm(join2(hostsDir, entry2), { recursive: true, force: true });
  }
  return written;
}

// src/core/adapters/kind/kind-binary.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile as readFile2, readdir as readdir2 } from "node:fs/promises";
import { join as join3 } from "node:path";

// src/core/exec/exec.ts
var CommandNotFoundError = class extends Error {
  constructor(command) {
    super(`${command}: command not found`);
    this.command = command;
  }
  command;
  name = "CommandNotFoundError";
};
var running2 = /* @__PURE__ */ new Set();
function stopWithUs(child) {
  if (running2.size === 0) process.once("exit", stopAll);
  running2.add(child);
  child.once("close", () => {
    running2.delete(child);
    if (running2.size === 0) process.removeListener("exit", stopAll);
  });
}
function stopAll() {
  for (const child of running2) {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
    }
  }
}
function processExec(env) {
  return { run: (command, args, options = {}) => spawnRun(command, args, { ...options, env: options.env ?? env }) };
}
async function spawnRun(command, args, options) {
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: options.env, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"], detached: true });
    if (child.pid !== void 0) stopWithUs(child);
    const collect = options.collect !== false;
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => {
      if (collect) stdout += chunk;
      options.onOutput?.(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      if (collect) stderr += chunk;
      options.onOutput?.(chunk);
    });
    child.on("error", (err) => reject(err.code === "ENOENT" ? new CommandNotFoundError(command) : err));
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on("error", () => void 0);
    child.stdin.end(options.input ?? "");
  });
}

// src/core/adapters/kind/kind-binary.ts
function kindCreateArgs(name, configPath, options) {
  return [
    "create",
    "cluster",
    "--name",
    name,
    "--config",
    configPath,
    ...options.image ? ["--image", options.image] : [],
    "--wait",
    options.wait,
    ...options.kubeconfig ? ["--kubeconfig", options.kubeconfig] : []
  ];
}
var KindNotInstalledError = class extends RuntimeError {
};
async function kind(exec, args, options = {}) {
  let result;
  try {
    result = await exec.run("kind", args, options);
  } catch (err) {
    if (err instanceof CommandNotFoundError) {
      throw new KindNotInstalledError("kind is not installed: see https://kind.sigs.k8s.io/docs/user/quick-start/#installation (the action installs it with kind-version; --no-cluster stops before Kind)");
    }
    throw err;
  }
  if (result.code !== 0) {
    const detail = lastLine(result.stderr) ?? lastLine(result.stdout) ?? `exit code ${result.code}`;
    throw new RuntimeError(`kind ${args.slice(0, 2).join(" ")} failed: ${detail}`);
  }
  return result.stdout;
}
async function clusterExists(exec, name) {
  const out = await kind(exec, ["get", "clusters"]);
  return out.split("\n").map((l) => l.trim()).includes(name);
}
async function clusterNodes(exec, name) {
  const out = await kind(exec, ["get", "nodes", "--name", name]);
  return out.split("\n").map((l) => l.trim()).filter(Boolean);
}
async function createCluster(exec, config, configPath, options) {
  await writeFileAtomic(configPath, (0, import_yaml.stringify)(config));
  await kind(exec, kindCreateArgs(config.name, configPath, options), options.onOutput ? { onOutput: options.onOutput } : {});
}
async function syncHostsIntoNodes(exec, nodes, hostsDir) {
  const copied = [];
  const files = await hostFiles(hostsDir);
  for (const node of nodes) {
    if (await hostsMount(exec, node) === hostsDir) continue;
    for (const [host, content] of files) {
      const target = `${CERTS_DIR}/${host}`;
      const result = await exec.run("docker", ["exec", "-i", node, "sh", "-c", `mkdir -p '${target}' && cat > '${target}/.hosts.toml.tmp' && mv '${target}/.hosts.toml.tmp' '${target}/hosts.toml'`], {
        input: content
      });
      if (result.code !== 0) throw new RuntimeError(`cannot write hosts.toml for ${host} into node ${node}: ${lastLine(result.stderr) ?? "docker exec failed"}`);
    }
    copied.push(node);
  }
  return copied;
}
async function hostsMount(exec, node) {
  const mounted = await exec.run("docker", ["inspect", "--format", `{{range .Mounts}}{{if eq .Destination "${CERTS_DIR}"}}{{.Source}}{{end}}{{end}}`, node]);
  if (mounted.code !== 0) throw new RuntimeError(`cannot inspect node ${node}: ${lastLine(mounted.stderr) ?? "docker inspect failed"}`);
  return mounted.stdout.trim();
}
async function hostFiles(hostsDir) {
  const files = /* @__PURE__ */ new Map();
  for (const host of await readdir2(hostsDir).catch(() => [])) {
    const content = await readFile2(join3(hostsDir, host, "hosts.toml"), "utf8").catch(() => void 0);
    if (content !== void 0) files.set(host, content);
  }
  return files;
}
function lastLine(text) {
  return text.trim().split("\n").filter(Boolean).at(-1)?.replace(/^ERROR: /, "");
}

// src/core/adapters/kind/local-registry-hosting.ts
var import_yaml2 = __toESM(require_dist(), 1);
async function announceLocalRegistry(exec, cluster, host) {
  const args = ["--kubeconfig", cluster.kubeconfig, "--context", `kind-${cluster.name}`, "apply", "-f", "-"];
  const result = await exec.run("kubectl", args, { input: registryHostingConfigMap(host) }).catch((err) => ({ code: 1, stdout: "", stderr: err.message }));
  return result.code === 0 ? {} : { problem: result.stderr.trim().split("\n").at(-1) ?? `exit code ${result.code}` };
}
function registryHostingConfigMap(host) {
  return (0, import_yaml2.stringify)({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "local-registry-hosting", namespace: "kube-public" },
    data: { "localRegistryHosting.v1": (0, import_yaml2.stringify)({ host, help: "https://github.com/sew/setup#a-local-registry" }) }
  });
}

// src/core/adapters/kind/state-files.ts
var import_yaml3 = __toESM(require_dist(), 1);
import { readdir as readdir3, readFile as readFile3, rm as rm2 } from "node:fs/promises";
var stateSchema = object({
  name: string(),
  kubeconfig: string(),
  kindConfig: string(),
  hostsDir: string().optional(),
  createdAt: string(),
  createdBy: literal("sew-ci")
});
async function knownClusterNames(sewHome) {
  const files = await readdir3(clustersDir(sewHome)).catch(() => []);
  return files.filter((f) => f.endsWith(STATE_SUFFIX) && !f.endsWith(KIND_CONFIG_SUFFIX)).map((f) => f.slice(0, -STATE_SUFFIX.length));
}
async function writeClusterState(path, state) {
  await writeFileAtomic(path, (0, import_yaml3.stringify)(state));
}
async function readClusterState(sewHome, name) {
  const path = statePath(sewHome, name);
  let text;
  try {
    text = await readFile3(path, "utf8");
  } catch {
    return void 0;
  }
  const parsed = stateSchema.safeParse((0, import_yaml3.parse)(text));
  if (!parsed.success) throw new InputError(path, "not a cluster state file written by sew-ci");
  return parsed.data;
}
async function removeClusterState(sewHome, name) {
  await rm2(statePath(sewHome, name), { force: true });
  await rm2(kindConfigPath(sewHome, name), { force: true });
}

// src/core/adapters/kind/ownership.ts
async function assertOwnCluster(exec, sewHome, name, act, hostsDir) {
  if (await readClusterState(sewHome, name)) return;
  for (const node of await clusterNodes(exec, name)) {
    const mounted = await hostsMount(exec, node);
    if (mounted && (hostsDir === void 0 || realPath(mounted) !== realPath(hostsDir))) {
      throw new RuntimeError(`Kind cluster ${name} belongs to another sew-ci home (its nodes read containerd hosts from ${mounted}): not ${act}; choose another cluster name`);
    }
  }
}

// src/core/adapters/kind/kind-cluster.ts
function kindCluster(exec) {
  return {
    available: async () => void await kind(exec, ["version"]),
    ensure: (plan, note, image) => ensureKindCluster(exec, plan, note, image),
    announceLocalRegistry: (cluster, host) => announceLocalRegistry(exec, cluster, host),
    known: knownClusterNames,
    remove: (sewHome, name) => removeKindCluster(exec, sewHome, name),
    async forget(sewHome, name) {
      const state = await readClusterState(sewHome, name);
      await removeClusterState(sewHome, name);
      return state?.hostsDir !== void 0 ? { hostsDir: state.hostsDir } : {};
    }
  };
}
async function ensureKindCluster(exec, plan, note, image = plan.cluster.image) {
  const { name, kubeconfig, kindConfigPath: kindConfigPath2, statePath: statePath2 } = plan.cluster;
  let action;
  if (await clusterExists(exec, name)) {
    await assertOwnCluster(exec, plan.sewHome, name, "reused", plan.hostsDir);
    action = "reused";
    const synced = await syncHostsIntoNodes(exec, await clusterNodes(exec, name), plan.hostsDir);
    if (synced.length) note(`hosts.toml copied into ${synced.join(", ")}`);
  } else {
    action = "created";
    await createCluster(exec, plan.kindConfig, kindConfigPath2, {
      wait: plan.cluster.wait,
      ...image && { image },
      onOutput: (chunk) => chunk.split("\n").filter((l) => l.trim()).forEach((l) => note(l.trim()))
    });
  }
  await writeClusterState(statePath2, { name, kubeconfig, kindConfig: kindConfigPath2, hostsDir: plan.hostsDir, createdAt: (/* @__PURE__ */ new Date()).toISOString(), createdBy: "sew-ci" });
  return { name, action, kubeconfig, state: statePath2 };
}
async function removeKindCluster(exec, sewHome, name) {
  const exists = await clusterExists(exec, name).catch((err) => {
    if (err instanceof KindNotInstalledError) return void 0;
    throw err;
  });
  if (exists === void 0) return "no-kind";
  if (!exists) return "absent";
  await assertOwnCluster(exec, sewHome, name, "deleted");
  await kind(exec, ["delete", "cluster", "--name", name]);
  return "deleted";
}

// src/core/credentials/docker-config.ts
import { readFile as readFile4 } from "node:fs/promises";
import { join as join4 } from "node:path";

// src/core/credentials/credential-helper.ts
var HelperMissingError = class extends RuntimeError {
};
var TIMEOUT_MS = 3e4;
var MAX_OUTPUT = 1024 * 1024;
async function runCredentialHelper(helper, server, env) {
  const program = `docker-credential-${helper}`;
  const { spawn } = await import("node:child_process");
  return new Promise((resolve, reject) => {
    const child = spawn(program, ["get"], { stdio: ["pipe", "pipe", "pipe"], env });
    const stdout = [];
    let size = 0;
    let failure;
    const timer = setTimeout(() => {
      failure = new RuntimeError(`${program} did not answer for ${server} within ${TIMEOUT_MS / 1e3}s`);
      child.kill("SIGKILL");
    }, TIMEOUT_MS);
    child.stdout.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_OUTPUT) {
        failure = new RuntimeError(`${program} wrote more than ${MAX_OUTPUT} bytes for ${server}`);
        child.kill("SIGKILL");
      } else stdout.push(chunk);
    });
    child.stderr.resume();
    child.stdin.on("error", () => {
    });
    child.on("error", (err) => {
      failure = err.code === "ENOENT" ? new HelperMissingError(`credential helper ${program} is not on PATH (needed for ${server})`) : new RuntimeError(`credential helper ${program} could not start: ${err.code ?? err.message}`);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      if (failure !== void 0) return reject(failure);
      const out = Buffer.concat(stdout).toString("utf8");
      if (code !== 0) {
        if (/credentials not found/i.test(out)) return resolve(void 0);
        return reject(new RuntimeError(`credential helper ${program} failed for ${server} (exit ${code})`));
      }
      resolve(parseHelperOutput(out, program, server));
    });
    child.stdin.end(server);
  });
}
function parseHelperOutput(out, program, server) {
  let parsed;
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new RuntimeError(`credential helper ${program} wrote something other than JSON for ${server}`);
  }
  if (typeof parsed.Username !== "string" || typeof parsed.Secret !== "string" || parsed.Secret === "") return void 0;
  if (parsed.Username === "<token>") {
    throw new RuntimeError(`credential helper ${program} returned an identity token for ${server}; only username/password credentials are supported`);
  }
  return { username: parsed.Username, password: parsed.Secret };
}

// src/core/credentials/docker-config.ts
var HUB_KEY = "https://index.docker.io/v1/";
var HUB_ALIASES = /* @__PURE__ */ new Set(["docker.io", "index.docker.io", "registry-1.docker.io"]);
function credentialKey(server) {
  const host = server.replace(/^https?:\/\//i, "").split("/")[0].toLowerCase();
  return HUB_ALIASES.has(host) ? HUB_KEY : host;
}
function dockerConfigCredentials(env, options = {}) {
  const dir = options.configDir ?? (env["DOCKER_CONFIG"] || join4(homeDir(env), ".docker"));
  const path = join4(dir, "config.json");
  const runHelper = options.runHelper ?? ((helper, server) => runCredentialHelper(helper, server, env));
  let config;
  return async (host) => {
    config ??= readConfig(path);
    const file = await config;
    const key = credentialKey(host);
    const helper = findByKey(file.credHelpers, key);
    if (helper !== void 0) return runHelper(helper, key);
    if (file.credsStore !== void 0 && file.credsStore !== "") {
      try {
        const stored = await runHelper(file.credsStore, key);
        if (stored !== void 0) return stored;
      } catch (err) {
        if (!(err instanceof HelperMissingError)) throw err;
      }
    }
    return inlineAuth(findByKey(file.auths, key), path, key);
  };
}
async function readConfig(path) {
  let text;
  try {
    text = await readFile4(path, "utf8");
  } catch (err) {
    if (err.code === "ENOENT") return {};
    throw err;
  }
  try {
    const parsed = JSON.parse(text);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    throw new InputError(path, "not valid JSON");
  }
}
function findByKey(entries, key) {
  if (entries === void 0) return void 0;
  for (const [server, value] of Object.entries(entries)) {
    if (credentialKey(server) === key) return value;
  }
  return void 0;
}
function inlineAuth(entry2, path, key) {
  if (entry2 === void 0) return void 0;
  if (typeof entry2.auth === "string" && entry2.auth !== "") {
    const decoded = Buffer.from(entry2.auth, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon <= 0) throw new InputError(path, `auths entry for ${key} is not base64 "user:password"`);
    return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry2.username === "string" && typeof entry2.password === "string") {
    return { username: entry2.username, password: entry2.password };
  }
  return void 0;
}

// src/core/docker/dockerode-engine.ts
import { Readable } from "node:stream";

// src/core/docker/engine-http.ts
import { request } from "node:http";
var DEFAULT_SOCKET = "/var/run/docker.sock";
var MAX_ANSWER = 1024 * 1024;
var TIMEOUT_MS2 = 3e4;
function dockerEndpoint(env) {
  return env.DOCKER_HOST || `unix://${DEFAULT_SOCKET}`;
}
function socketPathOf(env) {
  const host = env.DOCKER_HOST;
  if (host === void 0 || host === "") return DEFAULT_SOCKET;
  return host.startsWith("unix://") ? host.slice("unix://".length) : void 0;
}
function engineGet(socketPath, path, as = "json") {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, path, method: "GET", agent: false, timeout: TIMEOUT_MS2, headers: { Host: "docker" } }, (res) => {
      const chunks = [];
      let size = 0;
      res.on("data", (chunk) => {
        size += chunk.length;
        if (size > MAX_ANSWER) req.destroy(new Error(`GET ${path}: answer over ${MAX_ANSWER} bytes`));
        else chunks.push(chunk);
      });
      res.on("error", reject);
      res.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const status = res.statusCode ?? 0;
        if (status === 404) return resolve(void 0);
        const parsed = as === "json" || status >= 300 ? parseJson(body) : body;
        if (status >= 200 && status < 300) return parsed === void 0 ? reject(new Error(`GET ${path}: the answer is not JSON`)) : resolve(parsed);
        const message = parsed?.message ?? body.trim();
        reject(Object.assign(new Error(message), { statusCode: status, json: { message } }));
      });
    });
    req.on("timeout", () => req.destroy(Object.assign(new Error(`no answer to GET ${path} within ${TIMEOUT_MS2 / 1e3} s`), { code: "ETIMEDOUT" })));
    req.on("error", reject);
    req.end();
  });
}
function parseJson(body) {
  try {
    return JSON.parse(body);
  } catch {
    return void 0;
  }
}

// src/core/docker/dockerode-engine.ts
async function connectEngine(env) {
  const engine = dockerEngine(env);
  await engine.ping();
  return engine;
}
function dockerEngine(env) {
  const endpoint = dockerEndpoint(env);
  const socketPath = socketPathOf(env);
  let client;
  const docker = () => client ??= import("./docker-MO5LZY6L.js").then(({ default: Dockerode }) => new Dockerode(socketPath === void 0 ? void 0 : { socketPath }));
  const call = async (what, work) => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof EngineError) throw err;
      if (isUnreachable(err)) throw new EngineError(`cannot reach the Docker daemon at ${endpoint}: ${dockerReason(err)}`, "unreachable");
      throw new EngineError(`${what}: ${dockerReason(err)}`, err.statusCode === 409 ? "conflict" : "other");
    }
  };
  const unlessMissing = async (work) => {
    try {
      return await work();
    } catch (err) {
      if (isNotFound(err)) return void 0;
      throw err;
    }
  };
  const inspectContainer = (name) => call(`cannot inspect container ${name}`, async () => {
    if (socketPath === void 0) return unlessMissing(async () => containerState(await (await docker()).getContainer(name).inspect()));
    const answer = await engineGet(socketPath, `/containers/${encodeURIComponent(name)}/json`);
    return answer === void 0 ? void 0 : containerState(answer);
  });
  return {
    endpoint,
    async ping() {
      await call("cannot ping the Docker daemon", async () => {
        if (socketPath === void 0) await (await docker()).ping();
        else await engineGet(socketPath, "/_ping", "text");
      });
    },
    inspect: inspectContainer,
    async run(spec) {
      const engine = await docker();
      const created = await call(`cannot create container ${spec.name}`, () => engine.createContainer(createOptions(spec)));
      try {
        await created.start();
      } catch (err) {
        await created.remove({ force: true, v: false }).catch(() => void 0);
        const reason = dockerReason(err);
        const portTaken2 = /port is already allocated|address already in use/i.test(reason);
        throw new EngineError(`cannot start container ${spec.name}: ${reason}`, portTaken2 ? "port-taken" : "other");
      }
      return call(`cannot inspect container ${spec.name}`, async () => containerState(await created.inspect()));
    },
    async remove(name) {
      const removed = await call(`cannot remove container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).remove({ force: true, v: false })));
      return removed !== void 0;
    },
    async stop(name) {
      await call(`cannot stop container ${name}`, async () => unlessMissing(async () => (await docker()).getContainer(name).stop({ t: 10 })));
    },
    async list(labels, options = {}) {
      const filters = { label: Object.entries(labels).map(([k, v]) => `${k}=${v}`) };
      const found = await call("cannot list containers", async () => (await docker()).listContainers({ all: options.all ?? false, filters }));
      return found.map(containerSummary);
    },
    async logs(name, tail) {
      const raw = await call(`cannot read the logs of ${name}`, async () => (await docker()).getContainer(name).logs({ stdout: true, stderr: true, tail, follow: false }));
      return demux(raw).split("\n").map((l) => l.trim()).filter(Boolean);
    },
    async ensureNetwork(name, labels) {
      const engine = await docker();
      const found = await call(`cannot inspect Docker network ${name}`, () => unlessMissing(() => engine.getNetwork(name).inspect()));
      if (found !== void 0) return;
      await call(`cannot create Docker network ${name}`, async () => {
        try {
          await engine.createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: { ...labels } });
        } catch (err) {
          if (err.statusCode !== 409) throw err;
        }
      });
    },
    async hasImage(ref) {
      return await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect())) !== void 0;
    },
    async pullImage(ref) {
      const engine = await docker();
      await call(`image ${ref} is not present locally and cannot be pulled`, async () => {
        const stream = await engine.pull(ref);
        await new Promise((resolve, reject) => engine.modem.followProgress(stream, (err) => err ? reject(err) : resolve()));
      });
    },
    async imageId(ref) {
      return (await call(`cannot inspect image ${ref}`, async () => unlessMissing(async () => (await docker()).getImage(ref).inspect())))?.Id;
    },
    async loadImage(archive) {
      const engine = await docker();
      await call("cannot load an image into Docker", async () => {
        const response = await engine.loadImage(Readable.from(archive), { quiet: true });
        const output = await new Promise(
          (resolve, reject) => engine.modem.followProgress(response, (err, lines) => err ? reject(err) : resolve(lines))
        );
        const failure = output.find((line) => line.error !== void 0);
        if (failure) throw new Error(failure.errorDetail?.message ?? failure.error);
      });
    },
    async saveImage(ref) {
      const stream = await call(`cannot save image ${ref}`, async () => (await docker()).getImage(ref).get());
      return Readable.toWeb(Readable.from(stream, { objectMode: false }));
    }
  };
}
function dockerReason(err) {
  const code = err.code;
  if (code === "ENOENT" || code === "ECONNREFUSED") return "is it running?";
  if (code === "EACCES") return "permission denied (is this user in the docker group?)";
  const status = err.statusCode;
  const message = err.json?.message ?? err.message ?? String(err);
  return status ? `${message} (HTTP ${status})` : message;
}
function isNotFound(err) {
  return err.statusCode === 404;
}
function isUnreachable(err) {
  const code = err.code;
  return code === "ENOENT" || code === "ECONNREFUSED" || code === "EACCES" || code === "EHOSTUNREACH" || code === "ETIMEDOUT";
}
function createOptions(spec) {
  const exposed = [...new Set(spec.ports.map((p) => `${p.containerPort}/tcp`))];
  return {
    name: spec.name,
    Image: spec.image,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: { ...spec.labels },
    ExposedPorts: Object.fromEntries(exposed.map((p) => [p, {}])),
    HostConfig: {
      // A mount, not a bind string: data dirs are named after hosts, and `host:port` has a colon.
      Mounts: spec.mounts.map((m) => ({ Type: "bind", Source: m.source, Target: m.target })),
      PortBindings: Object.fromEntries(exposed.map((p) => [p, spec.ports.filter((b) => `${b.containerPort}/tcp` === p).map((b) => ({ HostIp: b.hostIp, HostPort: b.hostPort ? String(b.hostPort) : "" }))])),
      RestartPolicy: { Name: spec.restartUnlessStopped ? "unless-stopped" : "no" },
      NetworkMode: spec.network
    },
    NetworkingConfig: { EndpointsConfig: { [spec.network]: { Aliases: [spec.name] } } }
  };
}
function containerState(info) {
  const ports = Object.entries(info.NetworkSettings.Ports ?? {}).flatMap(
    ([port, bindings]) => (bindings ?? []).map((b) => ({ containerPort: Number.parseInt(port, 10), hostIp: b.HostIp, hostPort: Number(b.HostPort) }))
  );
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ""),
    status: info.State.Status,
    running: info.State.Running,
    restarting: info.State.Restarting,
    restartCount: info.RestartCount,
    labels: info.Config.Labels ?? {},
    ports,
    mounts: bindMounts(info.Mounts)
  };
}
function containerSummary(info) {
  return {
    id: info.Id,
    name: info.Names[0]?.replace(/^\//, "") ?? info.Id,
    status: info.State,
    running: info.State === "running",
    labels: info.Labels ?? {},
    ports: info.Ports.filter((p) => p.PublicPort !== void 0).map((p) => ({ containerPort: p.PrivatePort, hostIp: p.IP ?? "", hostPort: p.PublicPort })),
    mounts: bindMounts(info.Mounts)
  };
}
function bindMounts(mounts) {
  return (mounts ?? []).filter((m) => m.Type === "bind").map((m) => ({ source: m.Source, target: m.Destination }));
}
function demux(buffer) {
  let out = "";
  let offset = 0;
  while (offset + 8 <= buffer.length) {
    const size = buffer.readUInt32BE(offset + 4);
    out += buffer.subarray(offset + 8, offset + 8 + size).toString("utf8");
    offset += 8 + size;
  }
  return out;
}

// src/core/oci/challenge.ts
var TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
var TOKEN68 = /[A-Za-z0-9\-._~+/]+=*/y;
var BARE_VALUE = /[^,\s]*/y;
function parseChallenges(header) {
  const challenges = [];
  let pos = 0;
  const skip = (chars) => {
    while (pos < header.length && chars.test(header[pos])) pos++;
  };
  const match = (re) => {
    re.lastIndex = pos;
    const m = re.exec(header);
    if (m === null) return void 0;
    pos = re.lastIndex;
    return m[0];
  };
  const quoted = () => {
    let value = "";
    pos++;
    while (pos < header.length && header[pos] !== '"') {
      if (header[pos] === "\\" && pos + 1 < header.length) pos++;
      value += header[pos];
      pos++;
    }
    pos++;
    return value;
  };
  const param = () => {
    const start = pos;
    const name = match(TOKEN);
    if (name === void 0) return void 0;
    skip(/[ \t]/);
    if (header[pos] !== "=") {
      pos = start;
      return void 0;
    }
    pos++;
    skip(/[ \t]/);
    const value = header[pos] === '"' ? quoted() : match(BARE_VALUE) ?? "";
    return [name.toLowerCase(), value];
  };
  while (pos < header.length) {
    skip(/[ \t,]/);
    const scheme = match(TOKEN);
    if (scheme === void 0) break;
    const challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skip(/[ \t]/);
    const afterScheme = pos;
    if (match(TOKEN68) !== void 0) {
      skip(/[ \t]/);
      if (pos >= header.length || header[pos] === ",") continue;
      pos = afterScheme;
    }
    const first = param();
    if (first === void 0) continue;
    challenge.params[first[0]] = first[1];
    for (; ; ) {
      const save = pos;
      skip(/[ \t]/);
      if (header[pos] !== ",") break;
      pos++;
      skip(/[ \t,]/);
      const next = param();
      if (next === void 0) {
        pos = save;
        break;
      }
      challenge.params[next[0]] = next[1];
    }
  }
  return challenges;
}

// src/core/oci/registry-error.ts
var RegistryError = class extends RuntimeError {
  constructor(kind2, host, repository, detail, options) {
    super(`${repository === void 0 ? host : `${host}/${repository}`}: ${detail}`, options);
    this.kind = kind2;
    this.host = host;
    this.repository = repository;
    this.detail = detail;
  }
  kind;
  host;
  repository;
  detail;
};
function isUnreachable2(err) {
  return err instanceof RegistryError && err.kind === "unreachable";
}

// src/core/oci/auth.ts
var MAX_TOKEN_RESPONSE = 4 * 1024 * 1024;
var DEFAULT_TOKEN_SECONDS = 60;
var EXPIRY_MARGIN_MS = 1e4;
var Authenticator = class {
  constructor(registry, credentials, stallMs, retrier) {
    this.registry = registry;
    this.credentials = credentials;
    this.stallMs = stallMs;
    this.retrier = retrier;
  }
  registry;
  credentials;
  stallMs;
  retrier;
  challenge;
  tokens = /* @__PURE__ */ new Map();
  /** Adopts the challenge of a 401; returns false when it offers no scheme we speak. */
  learn(header) {
    const challenges = parseChallenges(header ?? "");
    const chosen = challenges.find((c) => c.scheme === "bearer" && c.params["realm"]) ?? challenges.find((c) => c.scheme === "basic");
    if (chosen === void 0) return false;
    this.challenge = chosen;
    this.tokens.clear();
    return true;
  }
  /** The Authorization header for a request needing `scopes`, undefined when none is needed. */
  async authorization(scopes, repository) {
    const challenge = this.challenge;
    if (challenge === void 0) return void 0;
    if (challenge.scheme === "basic") {
      const creds = await this.credentials();
      if (creds === void 0) throw new RegistryError("denied", this.registry.host, repository, "authentication required and no credentials are configured");
      return `Basic ${basic(creds)}`;
    }
    const key = [...new Set(scopes)].sort().join(" ");
    const now = Date.now();
    let cached = this.tokens.get(key);
    if (cached !== void 0) {
      const token = await cached.catch(() => void 0);
      if (token === void 0 || token.expiresAt <= now) cached = void 0;
    }
    if (cached === void 0) {
      cached = this.fetchToken(challenge, key === "" ? [] : key.split(" "), repository);
      this.tokens.set(key, cached);
    }
    return `Bearer ${(await cached).value}`;
  }
  async fetchToken(challenge, scopes, repository) {
    const fail = (kind2, detail, cause) => new RegistryError(kind2, this.registry.host, repository, `token request failed: ${detail}`, { cause });
    let realm;
    try {
      realm = new URL(challenge.params["realm"]);
    } catch {
      throw fail("invalid", "the registry announced an invalid token realm");
    }
    const refusal = realmRefusal(realm, this.registry);
    if (refusal !== void 0) throw fail("invalid", refusal);
    const service = challenge.params["service"];
    if (service !== void 0) realm.searchParams.set("service", service);
    for (const scope of scopes) realm.searchParams.append("scope", scope);
    const creds = await this.credentials();
    const headers = { accept: "application/json" };
    if (creds !== void 0) headers["authorization"] = `Basic ${basic(creds)}`;
    let body;
    try {
      const reply = await this.retrier.budget(realm.host).send(() => send(realm, { method: "GET", headers, stallMs: this.stallMs }));
      if (reply.status !== 200) {
        await reply.body?.cancel().catch(() => {
        });
        const kind2 = reply.status === 401 || reply.status === 403 ? "denied" : reply.status >= 500 ? "unreachable" : "invalid";
        throw fail(kind2, `${realm.host} answered HTTP ${reply.status}${creds === void 0 ? " (no credentials configured)" : ""}`);
      }
      body = await readReply(reply, MAX_TOKEN_RESPONSE, "token response");
    } catch (err) {
      if (err instanceof TransportError) throw fail("unreachable", `${realm.host}: ${err.message}`, err);
      if (err instanceof TooLargeError) throw fail("invalid", err.message, err);
      throw err;
    }
    let parsed;
    try {
      parsed = JSON.parse(body.toString("utf8"));
    } catch {
      throw fail("invalid", "the token response is not JSON");
    }
    const value = typeof parsed.token === "string" && parsed.token !== "" ? parsed.token : parsed.access_token;
    if (typeof value !== "string" || value === "") throw fail("invalid", "the token response holds no token");
    const seconds = typeof parsed.expires_in === "number" && parsed.expires_in > 0 ? parsed.expires_in : DEFAULT_TOKEN_SECONDS;
    return { value, expiresAt: Date.now() + Math.max(seconds * 1e3 - EXPIRY_MARGIN_MS, 1e3) };
  }
};
function basic(creds) {
  return Buffer.from(`${creds.username}:${creds.password}`, "utf8").toString("base64");
}

// src/core/oci/retry.ts
import { setTimeout as sleep } from "node:timers/promises";
var DEFAULT_RETRY = { attempts: 5, totalWaitMs: 6e4, baseDelayMs: 1e3 };
var TRANSIENT_STATUSES = /* @__PURE__ */ new Set([429, 502, 503, 504]);
var DOCKER_HUB_HOSTS = /* @__PURE__ */ new Set(["registry-1.docker.io", "docker.io", "index.docker.io", "auth.docker.io"]);
function isTransientStatus(status) {
  return TRANSIENT_STATUSES.has(status);
}
function decide(outcome, state, policy, host, now, random) {
  if ("error" in outcome ? !outcome.error.transient : !isTransientStatus(outcome.status)) return { retry: false };
  const headers = "status" in outcome ? outcome.headers : void 0;
  const label = "status" in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
  const retryAfter = headers === void 0 ? void 0 : retryAfterMs(headers.get("retry-after"), now);
  const remaining = remainingPulls(headers);
  const rateLimited = "status" in outcome && outcome.status === 429 && (DOCKER_HUB_HOSTS.has(host) || remaining !== void 0);
  const giveUp = (why) => ({
    retry: false,
    gaveUp: rateLimited ? `Docker Hub rate limit reached (${label}, ${why}); log in or use a mirror` : `${label}, ${why}`
  });
  if (rateLimited && remaining === 0 && retryAfter === void 0) return giveUp("ratelimit-remaining 0");
  const left = policy.totalWaitMs - state.waitedMs;
  if (retryAfter !== void 0 && retryAfter > left) {
    return giveUp(`asked to retry after ${Math.ceil(retryAfter / 1e3)} s, beyond the ${policy.totalWaitMs / 1e3} s a request may wait`);
  }
  if (state.attempts >= policy.attempts || left <= 0) return giveUp(`still failing after ${state.attempts} attempts`);
  const backoff = policy.baseDelayMs * 2 ** (state.attempts - 1) * (0.5 + random / 2);
  return { retry: true, delayMs: Math.round(Math.min(retryAfter ?? backoff, left)) };
}
function retryAfterMs(value, now) {
  if (value === null) return void 0;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1e3;
  const date = /[a-z]/i.test(text) ? Date.parse(text) : Number.NaN;
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function remainingPulls(headers) {
  const match = /^\s*(\d+)/.exec(headers?.get("ratelimit-remaining") ?? "");
  return match === null ? void 0 : Number(match[1]);
}
var Retrier = class {
  constructor(policy, signal, log) {
    this.policy = policy;
    this.signal = signal;
    this.log = log;
  }
  policy;
  signal;
  log;
  logged = /* @__PURE__ */ new Set();
  /** A fresh budget for one request to `host` (and for any resumption of its body). */
  budget(host) {
    return new RetryBudget(host, this.policy, this.signal, (message) => {
      if (this.logged.has(host)) return;
      this.logged.add(host);
      this.log?.(`${message} (later retries on this host go unlogged)`);
    });
  }
};
var RetryBudget = class {
  constructor(host, policy, signal, log) {
    this.host = host;
    this.policy = policy;
    this.signal = signal;
    this.log = log;
  }
  host;
  policy;
  signal;
  log;
  attempts = 1;
  waitedMs = 0;
  /** Runs `exchange` until it answers something other than a transient failure. */
  async send(exchange) {
    for (; ; ) {
      let outcome;
      try {
        const reply = await exchange();
        if (!isTransientStatus(reply.status)) return reply;
        await discard(reply);
        outcome = reply;
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        outcome = { error: err };
      }
      await this.wait(outcome);
    }
  }
  /** Before reopening a body that broke midway: waits, or throws as `send` would have. */
  resume(error) {
    return this.wait({ error });
  }
  /**
   * Waits out a transient failure before the next attempt. Throws the failure itself when it
   * is not transient, a TransportError saying why when the budget is spent, and the signal's
   * reason as soon as the run is interrupted.
   */
  async wait(outcome) {
    const decision = decide(outcome, { attempts: this.attempts, waitedMs: this.waitedMs }, this.policy, this.host, Date.now(), Math.random());
    const label = "status" in outcome ? `HTTP ${outcome.status}` : outcome.error.message;
    if (!decision.retry) {
      if (decision.gaveUp === void 0 && "error" in outcome) throw outcome.error;
      throw new TransportError(decision.gaveUp ?? label, "error" in outcome ? { cause: outcome.error } : void 0);
    }
    this.log(`${this.host}: ${label}; retrying in ${(decision.delayMs / 1e3).toFixed(1)} s, attempt ${this.attempts + 1} of ${this.policy.attempts}`);
    this.signal?.throwIfAborted();
    try {
      await sleep(decision.delayMs, void 0, this.signal === void 0 ? void 0 : { signal: this.signal });
    } catch (err) {
      this.signal?.throwIfAborted();
      throw err;
    }
    this.attempts++;
    this.waitedMs += decision.delayMs;
  }
};

// src/core/oci/client.ts
var MAX_MANIFEST = 4 * 1024 * 1024;
var MAX_ERROR_BODY = 64 * 1024;
var MAX_REDIRECTS = 5;
var pull = (repository) => `repository:${repository}:pull`;
var RegistryClient = class {
  constructor(access, options) {
    this.options = options;
    let base;
    try {
      base = new URL(access.url);
    } catch {
      throw new RegistryError("invalid", displayUrl(access.url), void 0, "registry URL is not a valid URL");
    }
    if (base.protocol !== "http:" && base.protocol !== "https:") {
      throw new RegistryError("invalid", base.host, void 0, "registry URL must be http:// or https://");
    }
    if (base.username !== "" || base.password !== "") {
      throw new RegistryError("invalid", base.host, void 0, "registry URL must not carry credentials; pass username and password instead");
    }
    this.base = base;
    this.prefix = base.pathname.replace(/\/+$/, "");
    this.host = base.host;
    const explicit = access.username !== void 0 && access.password !== void 0 ? { username: access.username, password: access.password } : void 0;
    let looked;
    const lookup = access.anonymous === true ? void 0 : options.credentials;
    const credentials = () => explicit !== void 0 ? Promise.resolve(explicit) : looked ??= lookup === void 0 ? Promise.resolve(void 0) : lookup(this.host);
    this.retrier = new Retrier(options.retry ?? DEFAULT_RETRY, options.signal, options.onRetry);
    this.auth = new Authenticator(base, credentials, options.stallMs, this.retrier);
  }
  options;
  /** `host[:port]` of the registry URL: what error messages name. */
  host;
  base;
  /** A path the registry lives under, usually empty. */
  prefix;
  auth;
  retrier;
  pinged;
  /**
   * The digest a tag or digest resolves to, by HEAD; undefined when the registry does not have
   * it, or does not say (then only a GET can tell).
   */
  async manifestDigest(repository, reference) {
    const reply = await this.request(repository, "manifest", {
      method: "HEAD",
      at: `/${repository}/manifests/${reference}`,
      scopes: [pull(repository)],
      headers: { accept: MANIFEST_ACCEPT }
    });
    await discard(reply);
    if (reply.status === 404) return void 0;
    if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
    return reply.headers.get("docker-content-digest") ?? void 0;
  }
  /** GET a manifest; the digest is computed from the bytes and checked against any the registry or reference names. */
  async getManifest(repository, reference) {
    const retries = this.retrier.budget(this.host);
    let reply;
    let bytes;
    do {
      reply = await this.request(repository, "manifest", {
        method: "GET",
        at: `/${repository}/manifests/${reference}`,
        scopes: [pull(repository)],
        headers: { accept: MANIFEST_ACCEPT },
        retries
      });
      if (reply.status !== 200) throw await this.failure(reply, repository, `manifest ${reference}`);
      const body = reply;
      bytes = await this.guard(
        repository,
        () => readReply(body, MAX_MANIFEST, `manifest ${reference}`).catch(async (err) => {
          if (!(err instanceof TransportError)) throw err;
          await retries.resume(err);
          return void 0;
        })
      );
    } while (bytes === void 0);
    let manifest;
    try {
      manifest = parseManifest(bytes, reply.headers.get("content-type"));
    } catch (err) {
      if (err instanceof ManifestFormatError) throw new RegistryError("invalid", this.host, repository, `manifest ${reference}: ${err.message}`);
      throw err;
    }
    const announced = reply.headers.get("docker-content-digest");
    const pinned = reference.includes(":") ? reference : void 0;
    for (const claimed of [pinned, announced?.startsWith("sha256:") ? announced : void 0]) {
      if (claimed !== void 0 && claimed !== manifest.digest) {
        throw new RegistryError("invalid", this.host, repository, `manifest ${reference} has digest ${manifest.digest}, not ${claimed}`);
      }
    }
    return manifest;
  }
  /**
   * The blob's bytes as a stream; the caller verifies them (see verifyingStream). A body cut
   * by a dropped connection is resumed with a Range request, or read again from the start
   * (skipping what was passed on) when the registry ignores Range, within one retry budget.
   */
  async getBlob(repository, digest) {
    const retries = this.retrier.budget(this.host);
    let delivered = 0;
    let skip = 0;
    const open = async () => {
      const reply = await this.request(repository, "blob", {
        method: "GET",
        at: `/${repository}/blobs/${digest}`,
        scopes: [pull(repository)],
        retries,
        ...delivered > 0 && { headers: { range: `bytes=${delivered}-` } }
      });
      if (reply.status === 206 && delivered > 0 && reply.body !== null) {
        const start = /^bytes (\d+)-/.exec(reply.headers.get("content-range") ?? "")?.[1];
        if (Number(start) !== delivered) {
          await discard(reply);
          throw new RegistryError("invalid", this.host, repository, `blob ${digest}: asked to resume at byte ${delivered}, answered from ${start ?? "nowhere"}`);
        }
        skip = 0;
        return reply.body.getReader();
      }
      if (reply.status !== 200 || reply.body === null) throw await this.failure(reply, repository, `blob ${digest}`);
      skip = delivered;
      return reply.body.getReader();
    };
    let reader = await open();
    return new ReadableStream(
      {
        pull: (out) => this.guard(repository, async () => {
          for (; ; ) {
            let chunk;
            try {
              chunk = await reader.read();
            } catch (err) {
              if (!(err instanceof TransportError)) throw err;
              await retries.resume(err);
              reader = await open();
              continue;
            }
            if (chunk.done) return out.close();
            const fresh = skip >= chunk.value.length ? void 0 : chunk.value.subarray(skip);
            skip = Math.max(0, skip - chunk.value.length);
            if (fresh === void 0) continue;
            delivered += fresh.length;
            return out.enqueue(fresh);
          }
        }),
        cancel: (reason) => reader.cancel(reason)
      },
      { highWaterMark: 0 }
    );
  }
  /**
   * Sends with auth, retrying once after a 401 that taught us a new challenge; follows
   * redirects of reads and retries transient failures of reads and idempotent writes.
   * Credentials follow origin-policy.ts.
   */
  async request(repository, what, options) {
    await this.ping();
    const reading = options.method === "GET" || options.method === "HEAD";
    const retries = reading || options.idempotent ? options.retries ?? this.retrier.budget(this.host) : void 0;
    let url = typeof options.at === "string" ? this.url(options.at) : options.at;
    let authorization = await this.auth.authorization(options.scopes, repository);
    for (let attempt = 0, redirects = 0; ; ) {
      const home = carriesCredentials(url, this.base);
      const headers = { ...options.headers };
      if (authorization !== void 0 && home) headers["authorization"] = authorization;
      const exchange = () => send(url, { method: options.method, headers, stallMs: this.options.stallMs, ...options.body && { body: options.body() } });
      const reply = await this.guard(repository, () => retries === void 0 ? exchange() : retries.send(exchange));
      if (reply.status === 401 && attempt === 0 && home) {
        attempt++;
        await discard(reply);
        if (!this.auth.learn(reply.headers.get("www-authenticate"))) return reply;
        authorization = await this.auth.authorization(options.scopes, repository);
        continue;
      }
      const location = reply.headers.get("location");
      if (reading && isRedirect(reply.status) && location !== null) {
        await discard(reply);
        if (++redirects > MAX_REDIRECTS) throw new RegistryError("invalid", this.host, repository, `${what}: too many redirects`);
        const next = new URL(location, url);
        const refusal = redirectRefusal(url, next);
        if (refusal !== void 0) throw new RegistryError("invalid", this.host, repository, `${what}: ${refusal}`);
        url = next;
        continue;
      }
      return reply;
    }
  }
  /** The /v2/ ping, once per client: learns the auth scheme and tells early that a registry is down. */
  ping() {
    this.pinged ??= (async () => {
      const reply = await this.guard(
        void 0,
        () => this.retrier.budget(this.host).send(() => send(this.url("/"), { method: "GET", stallMs: this.options.stallMs }))
      );
      await discard(reply);
      if (reply.status === 200) return;
      if (reply.status === 401 && this.auth.learn(reply.headers.get("www-authenticate"))) return;
      throw await this.failure(reply, void 0, "registry API check (/v2/)");
    })();
    return this.pinged;
  }
  /** The URL of a path under /v2 (push.ts adds its query). */
  url(path) {
    const url = new URL(this.base);
    url.pathname = `${this.prefix}/v2${path}`;
    return url;
  }
  /** Network failures and oversize answers become RegistryErrors naming this registry. */
  async guard(repository, action) {
    try {
      return await action();
    } catch (err) {
      if (err instanceof TransportError) throw new RegistryError("unreachable", this.host, repository, err.message, { cause: err });
      if (err instanceof TooLargeError) throw new RegistryError("invalid", this.host, repository, err.message, { cause: err });
      throw err;
    }
  }
  /** An unexpected status as a RegistryError, with the registry's own error code when it sent one. */
  async failure(reply, repository, what) {
    let detail = "";
    try {
      const body = await readReply(reply, MAX_ERROR_BODY, "error body");
      const parsed = JSON.parse(body.toString("utf8"));
      const first = parsed.errors?.[0];
      if (first !== void 0) detail = `: ${[first.code, first.message].filter((x) => typeof x === "string" && x !== "").join(" ")}`.slice(0, 300);
    } catch {
      await discard(reply);
    }
    return new RegistryError(statusKind(reply.status), this.host, repository, `${what}: HTTP ${reply.status}${detail}`);
  }
};
function statusKind(status) {
  if (status === 401 || status === 403) return "denied";
  if (status === 404) return "not-found";
  if (status >= 500 || status === 429) return "unreachable";
  return "invalid";
}
function isRedirect(status) {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

// src/core/preload/limiter.ts
function limiter(slots) {
  let running3 = 0;
  const waiting = [];
  return async (task) => {
    if (running3 >= slots) await new Promise((resolve) => waiting.push(resolve));
    else running3++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== void 0) next();
      else running3--;
    }
  };
}
async function eachUntilFailure(items, slots, task) {
  let next = 0;
  let failure;
  const worker = async () => {
    while (failure === void 0 && next < items.length) {
      const item = items[next++];
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, items.length) }, worker));
  if (failure !== void 0) throw failure.error;
}

// src/core/preload/copier.ts
var DEFAULT_CONCURRENCY = 6;
var IMAGE_CONCURRENCY = 32;
var INDEX_CONCURRENCY = 8;
var DEFAULT_STALL_MS = 6e4;
var SMALL_BLOB = 1024 * 1024;
async function copyImages(requests, options) {
  const started = Date.now();
  const run = new CopyRun(options);
  const images = limiter(IMAGE_CONCURRENCY);
  const results = await Promise.all(requests.map((request2) => images(() => run.copy(request2))));
  const warning = run.cacheRegistryWarning();
  return { results, totals: totalsOf(results, Date.now() - started), ...warning !== void 0 && { cacheRegistryWarning: warning } };
}
var NotCached = class extends Error {
};
var MAX_INDEX = 4 * 1024 * 1024;
var CopyRun = class {
  constructor(options) {
    this.options = options;
    const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`copier concurrency must be a positive integer, not ${concurrency}`);
    this.platforms = options.platforms === "all" ? "all" : options.platforms?.map(parsePlatform) ?? [hostPlatform()];
    if (this.platforms !== "all" && this.platforms.length === 0) throw new Error("the copier was given no platform to copy");
    this.clientOptions = {
      credentials: options.credentials,
      stallMs: options.stallTimeoutMs ?? DEFAULT_STALL_MS,
      ...options.signal !== void 0 && { signal: options.signal },
      onRetry: (message) => options.onEvent?.({ type: "retrying", message })
    };
    this.store = new PreloadStore(options.target.root);
    this.transfers = limiter(concurrency);
    this.cache = options.cacheRegistry === void 0 ? void 0 : new RegistryClient(options.cacheRegistry.access, this.clientOptions);
  }
  options;
  store;
  upstreams = /* @__PURE__ */ new Map();
  transfers;
  platforms;
  clientOptions;
  cache;
  /** Set at the cache registry's first failure other than a miss: it is not asked again this run. */
  cacheFailure;
  cacheRegistryWarning() {
    const failure = this.cacheFailure;
    return failure === void 0 ? void 0 : `cache registry ${failure.host} not used (${failure.detail}); images came from their upstreams`;
  }
  async copy({ source, onePlatform = false }) {
    const job = { source, onePlatform, ref: formatReference(source), target: preloadRepository(source), bytes: 0 };
    this.options.onEvent?.({ type: "image-started", ref: job.ref });
    let result;
    try {
      result = await this.copyImage(job);
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      result = await this.recover(job, err);
    }
    this.options.onEvent?.({ type: "image-finished", result });
    return result;
  }
  async copyImage(job) {
    const { source } = job;
    if (source.digest !== void 0) {
      if (await this.complete(job, source.digest)) return done(job, "hit", source.digest);
      const cached = await this.fromCache(job, source.digest, source.digest);
      if (cached !== void 0) return cached;
      const upstream2 = this.upstream(source);
      const manifest = await upstream2.client.getManifest(source.repository, source.digest);
      const child2 = job.onePlatform ? this.platformChild(upstream2, manifest) : void 0;
      if (child2 === void 0) await this.copyTree(job, upstream2, manifest);
      else {
        const chosen2 = await upstream2.client.getManifest(source.repository, child2.digest);
        await this.copyTree(job, upstream2, chosen2);
        await this.store.putManifest(job.target, child2.digest, chosen2);
      }
      await this.store.putManifest(job.target, source.digest, manifest);
      return done(job, "copied", manifest.digest);
    }
    const tag = source.tag ?? "latest";
    const upstream = this.upstream(source);
    const current = await this.store.resolve(job.target, tag);
    const announced = current === void 0 && !this.cacheUsable() ? void 0 : await upstream.client.manifestDigest(source.repository, tag);
    if (current !== void 0 && announced !== void 0) {
      const stored = current === announced ? void 0 : await this.store.storedManifest(announced);
      const wanted = stored === void 0 ? announced : this.platformChild(upstream, stored)?.digest ?? announced;
      if (wanted === current && await this.store.complete(job.target, current)) return done(job, "hit", current);
    }
    if (announced !== void 0) {
      const cached = await this.fromCache(job, announced, tag);
      if (cached !== void 0) return cached;
    }
    const top = await upstream.client.getManifest(source.repository, announced ?? tag);
    const child = this.platformChild(upstream, top);
    if (child !== void 0) job.index = await this.store.writeBytes(top.bytes);
    if (current !== void 0 && current === (child?.digest ?? top.digest) && await this.store.complete(job.target, current)) return done(job, "hit", current);
    const chosen = child === void 0 ? top : await upstream.client.getManifest(source.repository, child.digest);
    await this.copyTree(job, upstream, chosen);
    await this.store.putManifest(job.target, tag, chosen);
    return done(job, "copied", chosen.digest);
  }
  /** Whether `digest` is whole in storage: with `onePlatform`, an index needs only the wanted child. */
  async complete(job, digest) {
    if (!job.onePlatform) return this.store.complete(job.target, digest);
    if (this.platforms === "all" || this.platforms.length !== 1) return this.store.complete(job.target, digest);
    return await this.store.platformImage(job.target, digest, this.platforms[0]) !== void 0;
  }
  cacheUsable() {
    return this.cache !== void 0 && this.cacheFailure === void 0;
  }
  /**
   * The image from the cache registry, read by `digest` (what the upstream named, or the pin)
   * and stored under `reference`; undefined when the cache registry lacks any part of it, or
   * fails (then it is dropped for the run). Digests are checked as from any registry: a cache
   * registry cannot change an image, only lack it.
   */
  async fromCache(job, read, reference) {
    const cache = this.cache;
    if (cache === void 0 || this.cacheFailure !== void 0) return void 0;
    const origin = { client: cache, repository: cacheRepository(this.options.cacheRegistry.location, job.source) };
    try {
      const top = await this.cachedManifest(origin, read);
      const pinned = job.source.digest !== void 0;
      const child = pinned && !job.onePlatform ? void 0 : this.platformChild(origin, top);
      if (child !== void 0 && !pinned) job.index = await this.store.writeBytes(top.bytes);
      const chosen = child === void 0 ? top : await this.cachedManifest(origin, child.digest);
      if (!SHA256_DIGEST.test(read) && !await this.forWantedPlatform(origin, chosen)) return void 0;
      await this.copyTree(job, origin, chosen);
      if (pinned && child !== void 0) await this.store.putManifest(job.target, child.digest, chosen);
      await this.store.putManifest(job.target, reference, pinned ? top : chosen);
      return done(job, "cache-registry", pinned ? top.digest : chosen.digest);
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      if (err instanceof NotCached || err instanceof RegistryError && err.kind === "not-found" && err.host === cache.host) return void 0;
      if (err instanceof RegistryError && err.host === cache.host) {
        this.cacheFailure ??= err;
        return void 0;
      }
      throw err;
    }
  }
  /**
   * A manifest of the cache registry by digest. An index copied for one platform is kept
   * there as a plain blob (a registry refuses an index whose other children it lacks), as in
   * the preload storage: its bytes are read and checked against the digest.
   */
  async cachedManifest(origin, digest) {
    const missing = (err) => err instanceof RegistryError && err.kind === "not-found";
    try {
      return await origin.client.getManifest(origin.repository, digest);
    } catch (err) {
      if (!missing(err) || !SHA256_DIGEST.test(digest)) throw err;
    }
    let bytes;
    try {
      bytes = await readCapped(await origin.client.getBlob(origin.repository, digest), MAX_INDEX);
    } catch (err) {
      if (missing(err)) throw new NotCached();
      throw err;
    }
    if (bytes === void 0 || sha256Digest(bytes) !== digest) throw new NotCached();
    try {
      return parseManifest(bytes, null);
    } catch {
      throw new NotCached();
    }
  }
  /** Whether an image manifest's config names the one platform wanted (an index, or several wanted: yes). */
  async forWantedPlatform(origin, manifest) {
    const config = manifest.references[0];
    if (isIndex(manifest.mediaType) || this.platforms === "all" || this.platforms.length > 1 || config === void 0) return true;
    const bytes = await readCapped(await origin.client.getBlob(origin.repository, config.digest), MAX_INDEX);
    if (bytes === void 0 || sha256Digest(bytes) !== config.digest) return false;
    let platform;
    try {
      const parsed = JSON.parse(bytes.toString("utf8"));
      if (typeof parsed.os !== "string" || typeof parsed.architecture !== "string") return false;
      platform = { os: parsed.os, architecture: parsed.architecture, ...typeof parsed.variant === "string" && { variant: parsed.variant } };
    } catch {
      return false;
    }
    return selectPlatform([{ platform }], this.platforms[0]) !== void 0;
  }
  /** The index entry to tag when one platform is wanted; undefined when `top` itself is tagged. */
  platformChild(from, top) {
    if (!isIndex(top.mediaType) || this.platforms === "all" || this.platforms.length > 1) return void 0;
    const wanted = this.platforms[0];
    const child = selectPlatform(top.references, wanted);
    if (child === void 0) {
      const offered = top.references.flatMap((entry2) => entry2.platform !== void 0 ? [formatPlatform(entry2.platform)] : []);
      throw new RegistryError(
        "not-found",
        from.client.host,
        from.repository,
        `no ${formatPlatform(wanted)} image in the index (it has ${offered.join(", ") || "no platforms"})`
      );
    }
    return child;
  }
  /** Stores and links everything `manifest` references (not the manifest itself). */
  async copyTree(job, from, manifest) {
    if (isIndex(manifest.mediaType)) {
      await eachUntilFailure(manifest.references, INDEX_CONCURRENCY, async (entry2) => {
        if (await this.store.complete(job.target, entry2.digest)) return;
        const child = await from.client.getManifest(from.repository, entry2.digest);
        await this.copyTree(job, from, child);
        await this.store.putManifest(job.target, entry2.digest, child);
      });
      return;
    }
    await settleAll(
      requiredBlobs(manifest).map(async (blob) => {
        const transfer = () => this.transfer(job, from, blob);
        const moved = await this.store.ensureBlob(blob, blob.size <= SMALL_BLOB ? transfer : () => this.transfers(transfer));
        job.bytes += moved;
        await this.store.linkLayer(job.target, blob.digest);
      })
    );
  }
  async transfer(job, from, blob) {
    const body = await from.client.getBlob(from.repository, blob.digest);
    const onBytes = (bytes) => this.options.onEvent?.({ type: "blob-progress", ref: job.ref, digest: blob.digest, bytes, size: blob.size });
    try {
      await this.store.writeBlob(blob, body, onBytes);
    } catch (err) {
      if (err instanceof DigestMismatchError) throw new RegistryError("invalid", from.client.host, from.repository, err.message);
      throw err;
    }
    return blob.size;
  }
  /**
   * A failed copy may still be served: from the preload storage when the upstream is merely
   * unreachable, else from the local Docker daemon when the upstream cannot give the image.
   */
  async recover(job, err) {
    const upstreamError = err instanceof RegistryError ? err : void 0;
    if (upstreamError !== void 0 && isUnreachable2(upstreamError)) {
      const reference = job.source.digest ?? job.source.tag ?? "latest";
      const present = await this.store.resolve(job.target, reference).catch(() => void 0);
      if (present !== void 0) {
        if (await this.complete(job, present).catch(() => false)) {
          return { ...done(job, "hit", present), warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); using the preloaded copy` };
        }
        return failed(job, `upstream ${upstreamError.host} unreachable (${upstreamError.detail}) and the preloaded copy is missing blobs (dropped as damaged?)`);
      }
      const tag = job.source.tag ?? "latest";
      const cached = job.source.digest === void 0 ? await this.fromCache(job, tag, tag) : void 0;
      if (cached !== void 0) {
        return { ...cached, warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); using the cache registry's copy of the tag` };
      }
    }
    let failure = this.describe(err);
    const local = this.options.localImages;
    if (local !== void 0 && upstreamError !== void 0 && upstreamError.kind !== "invalid" && job.source.digest === void 0) {
      try {
        const imported = await importFromDaemon(
          local,
          this.store,
          job.ref,
          job.target,
          job.source.tag ?? "latest",
          (digest, size) => this.options.onEvent?.({ type: "blob-progress", ref: job.ref, digest, bytes: size, size })
        );
        if (imported !== void 0) {
          job.bytes += imported.bytesCopied;
          const result = done(job, imported.unchanged ? "hit" : "daemon", imported.digest);
          return isUnreachable2(upstreamError) ? { ...result, warning: `upstream ${upstreamError.host} unreachable (${upstreamError.detail}); preloaded from the local Docker daemon` } : result;
        }
        failure += "; not in the local Docker daemon either";
      } catch (daemonErr) {
        failure += `; preloading from the local Docker daemon failed: ${this.describe(daemonErr)}`;
      }
    }
    return failed(job, failure);
  }
  describe(err) {
    if (!(err instanceof RegistryError)) return storageFailure(err, this.store.root);
    if (isUnreachable2(err)) return `upstream ${err.host} unreachable (${err.detail}) and the image is not preloaded`;
    return `${err.detail} (upstream ${err.host})`;
  }
  upstream(source) {
    let client = this.upstreams.get(source.host);
    if (client === void 0) {
      client = new RegistryClient(this.options.upstream(source.host), this.clientOptions);
      this.upstreams.set(source.host, client);
    }
    return { client, repository: source.repository };
  }
};
function storageFailure(err, root) {
  const code = err?.code;
  const reasons = { ENOSPC: "no space left on device", EACCES: "permission denied", EROFS: "read-only filesystem", EDQUOT: "disk quota exceeded" };
  if (code !== void 0 && reasons[code] !== void 0) return `cannot write the preload storage ${root}: ${reasons[code]}`;
  if (code !== void 0) return `cannot write the preload storage ${root}: ${code}`;
  return err instanceof Error ? err.message : String(err);
}
async function settleAll(work) {
  const outcomes = await Promise.allSettled(work);
  const failure = outcomes.find((o) => o.status === "rejected");
  if (failure !== void 0) throw failure.reason;
}
function done(job, source, digest) {
  return { ref: job.ref, digest, source, bytesCopied: job.bytes, ...job.index !== void 0 && job.index !== digest && { index: job.index } };
}
function failed(job, error) {
  return { ref: job.ref, bytesCopied: job.bytes, error: `${job.ref}: ${error}` };
}
function totalsOf(results, durationMs) {
  const count = (source) => results.filter((r) => r.source === source).length;
  const failed2 = results.filter((r) => r.error !== void 0).length;
  return {
    images: results.length,
    hits: count("hit"),
    copied: count("copied"),
    fromDaemon: count("daemon"),
    failed: failed2,
    bytesCopied: results.reduce((sum, r) => sum + r.bytesCopied, 0),
    durationMs
  };
}

// src/core/storage/free-space.ts
import { statfs } from "node:fs/promises";
var LOW_DISK_BYTES = 64 * 1024 * 1024;
async function fullDiskHint(path) {
  const free = await statfs(path).then((s) => s.bavail * s.bsize, () => void 0);
  return free !== void 0 && free < LOW_DISK_BYTES ? `${path} has ${formatBytes(free)} free: the disk is full` : void 0;
}

// src/core/oci/push.ts
var pushScopes = (repository) => [`repository:${repository}:pull,push`];
var RegistryPush = class {
  constructor(client) {
    this.client = client;
  }
  client;
  get host() {
    return this.client.host;
  }
  /** Whether `repository` serves the blob already. */
  async hasBlob(repository, digest) {
    const reply = await this.client.request(repository, "blob", { method: "HEAD", at: `/${repository}/blobs/${digest}`, scopes: pushScopes(repository) });
    await discard(reply);
    if (reply.status === 200) return true;
    if (reply.status === 404) return false;
    throw await this.client.failure(reply, repository, `blob ${digest}`);
  }
  /**
   * Makes the blob part of `repository`: there already, mounted from `mountFrom` (a repository
   * of the same registry that holds it), or uploaded. Resolves with the bytes uploaded.
   */
  async putBlob(repository, blob, mountFrom) {
    if (await this.hasBlob(repository, blob.digest)) return 0;
    const start = this.client.url(`/${repository}/blobs/uploads/`);
    if (mountFrom !== void 0 && mountFrom !== repository) {
      start.searchParams.set("mount", blob.digest);
      start.searchParams.set("from", mountFrom);
    }
    const scopes = mountFrom === void 0 ? pushScopes(repository) : [...pushScopes(repository), `repository:${mountFrom}:pull`];
    const started = await this.client.request(repository, "blob upload", { method: "POST", at: start, scopes, idempotent: true });
    await discard(started);
    if (started.status === 201) return 0;
    if (started.status !== 202) throw await this.client.failure(started, repository, `blob upload ${blob.digest}`);
    const upload = this.uploadUrl(repository, start, started.headers.get("location"));
    upload.searchParams.set("digest", blob.digest);
    const put = await this.client.request(repository, "blob upload", {
      method: "PUT",
      at: upload,
      scopes: pushScopes(repository),
      headers: { "content-type": "application/octet-stream", "content-length": String(blob.size) },
      body: () => blob.open()
    });
    if (put.status !== 201) throw await this.client.failure(put, repository, `blob upload ${blob.digest}`);
    await discard(put);
    return blob.size;
  }
  /** Stores `manifest` verbatim under `reference` (a tag, or its digest); what it names must be there. */
  async putManifest(repository, reference, manifest) {
    const reply = await this.client.request(repository, "manifest", {
      method: "PUT",
      at: `/${repository}/manifests/${reference}`,
      scopes: pushScopes(repository),
      headers: { "content-type": manifest.mediaType, "content-length": String(manifest.bytes.length) },
      body: () => manifest.bytes,
      idempotent: true
    });
    if (reply.status !== 201 && reply.status !== 200) throw await this.client.failure(reply, repository, `manifest ${reference}`);
    await discard(reply);
    const stored = reply.headers.get("docker-content-digest");
    if (stored !== null && stored !== manifest.digest) {
      throw new RegistryError("invalid", this.host, repository, `manifest ${reference} was stored as ${stored}, not ${manifest.digest}`);
    }
  }
  /** Where the registry said to send the blob: relative to the request, never from https down to http. */
  uploadUrl(repository, from, location) {
    if (location === null) throw new RegistryError("invalid", this.host, repository, "blob upload: the registry named no upload location");
    const url = new URL(location, from);
    const refusal = redirectRefusal(from, url);
    if (refusal !== void 0) throw new RegistryError("invalid", this.host, repository, `blob upload: ${refusal}`);
    return url;
  }
};

// src/core/preload/write-back.ts
var DEFAULT_STALL_MS2 = 6e4;
var DEFAULT_CONCURRENCY2 = 4;
async function writeBack(images, options) {
  const wanted = images.filter((i) => i.digest !== void 0);
  const written = [];
  let run;
  let current;
  try {
    const client = new RegistryClient(options.access, {
      credentials: options.credentials,
      stallMs: options.stallTimeoutMs ?? DEFAULT_STALL_MS2,
      ...options.signal !== void 0 && { signal: options.signal }
    });
    run = new WriteRun(new RegistryPush(client), new PreloadStore(options.root), options, limiter(options.concurrency ?? DEFAULT_CONCURRENCY2));
    for (const image of wanted) {
      current = image.ref;
      await run.image(image.ref, image.digest, image.index);
      written.push(image.ref);
    }
    return { written, bytesUploaded: run.bytes };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    const why = err instanceof RegistryError ? err.message : `${current ?? "the cache registry"}: ${err instanceof Error ? err.message : String(err)}`;
    return { written, bytesUploaded: run?.bytes ?? 0, warning: `cache registry: ${wanted.length - written.length} image(s) not written (${why})` };
  }
}
var WriteRun = class {
  constructor(push, store, options, uploads) {
    this.push = push;
    this.store = store;
    this.options = options;
    this.uploads = uploads;
  }
  push;
  store;
  options;
  uploads;
  bytes = 0;
  /** The repository each blob went to first, once there: where later images mount it from. */
  blobs = /* @__PURE__ */ new Map();
  async image(ref, digest, index) {
    const source = parseReference(ref);
    const local = preloadRepository(source);
    const repository = cacheRepository(this.options.location, source);
    const manifest = await this.stored(local, digest);
    await this.tree(local, repository, manifest);
    if (index !== void 0) {
      const bytes = await this.store.storedManifest(index);
      if (bytes !== void 0) await this.blob(repository, { digest: index, size: bytes.bytes.length });
    }
    await this.push.putManifest(repository, source.digest ?? source.tag ?? "latest", manifest);
  }
  /** Everything `manifest` references, in the cache registry (not the manifest itself). */
  async tree(local, repository, manifest) {
    if (isIndex(manifest.mediaType)) {
      for (const entry2 of manifest.references) {
        const child = await this.stored(local, entry2.digest);
        await this.tree(local, repository, child);
        await this.push.putManifest(repository, entry2.digest, child);
      }
      return;
    }
    await Promise.all(requiredBlobs(manifest).map((blob) => this.blob(repository, blob)));
  }
  blob(repository, blob) {
    const first = this.blobs.get(blob.digest);
    const sending = (async () => {
      const from = await first?.catch(() => void 0);
      const source = { ...blob, open: () => this.store.openBlob(blob.digest) };
      const sent = await this.uploads(() => this.push.putBlob(repository, source, from));
      this.bytes += sent;
      return repository;
    })();
    if (first === void 0) this.blobs.set(blob.digest, sending);
    return sending.then(() => void 0);
  }
  async stored(repository, digest) {
    const manifest = await this.store.manifest(repository, digest);
    if (manifest === void 0) throw new Error(`manifest ${digest} is not in the preload storage`);
    return manifest;
  }
};

// src/core/preload/preloader.ts
function registryPreloader(env, credentials, localImages) {
  const access = ({ registries }, host) => {
    return upstreamAccess(endpointFor(registries, host), env);
  };
  return {
    async preload(plan, onEvent) {
      const report = await copyImages(
        plan.preload.refs.map((ref) => ({ source: parseReference(ref) })),
        {
          target: { root: plan.preload.data },
          upstream: (host) => access(plan, host),
          ...plan.cacheRegistry && { cacheRegistry: { access: access(plan, plan.cacheRegistry.host), location: plan.cacheRegistry } },
          platforms: plan.preload.platforms,
          credentials,
          ...localImages && { localImages },
          onEvent
        }
      );
      const diskFull = report.results.some((r) => r.error) ? await fullDiskHint(plan.preload.data) : void 0;
      return { images: report.results, warnings: diskFull ? [diskFull] : [], ...report.cacheRegistryWarning !== void 0 && { cacheRegistryProblem: report.cacheRegistryWarning } };
    },
    async writeBack(plan, images) {
      const cache = plan.cacheRegistry;
      if (cache === null) return { written: [], bytesUploaded: 0 };
      return writeBack(images, { root: plan.preload.data, access: access(plan, cache.host), location: cache, credentials });
    }
  };
}

// src/core/daemon/docker-archive.ts
import { createReadStream } from "node:fs";
var BLOCK = 512;
async function* dockerArchive(source) {
  const manifest = await source.store.platformImage(source.repository, source.digest, source.platform);
  if (manifest === void 0) throw new RuntimeError(`${source.repository}@${source.digest} is not whole in ${source.store.root}: cannot load it into Docker`);
  const [config, ...layers] = manifest.references;
  if (config === void 0) throw new RuntimeError(`${source.repository}@${manifest.digest} names no config`);
  const name = (digest, suffix) => `${digest.slice("sha256:".length)}${suffix}`;
  const index = [{ Config: name(config.digest, ".json"), RepoTags: [source.tag], Layers: layers.map((l) => name(l.digest, ".layer")) }];
  yield* entry("manifest.json", Buffer.from(JSON.stringify(index)));
  for (const [blob, file] of [[config, index[0].Config], ...layers.map((l) => [l, name(l.digest, ".layer")])]) {
    yield tarHeader(file, blob.size);
    yield* createReadStream(blobDataPath(source.store.root, blob.digest));
    yield padding(blob.size);
  }
  yield Buffer.alloc(2 * BLOCK);
}
function* entry(file, data) {
  yield tarHeader(file, data.length);
  yield data;
  yield padding(data.length);
}
function padding(size) {
  return Buffer.alloc((BLOCK - size % BLOCK) % BLOCK);
}
function tarHeader(file, size) {
  const header = Buffer.alloc(BLOCK);
  header.write(file, 0, 100, "utf8");
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  if (size < 8 ** 11) header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  else {
    header[124] = 128;
    header.writeBigUInt64BE(BigInt(size), 124 + 4);
  }
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write("0", 156);
  header.write("ustar\x0000", 257);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

// src/core/preload/node-image.ts
function nodeImageLoader(env, credentials, engine) {
  return {
    async ensure(plan, note, progress) {
      const image = plan.nodeImage;
      const stored = image?.stored;
      if (!image || !stored) throw new Error("the plan stores no node image");
      const source = parseReference(image.ref);
      const { results } = await copyImages([{ source, onePlatform: true }], {
        target: { root: stored.data },
        // A host a fetched layer routed elsewhere is reached without credentials (registries.ts).
        upstream: (host) => upstreamAccess(endpointFor(plan.registries, host), env),
        platforms: [stored.platform],
        credentials,
        ...progress && { onEvent: progress }
      });
      const copy = results[0];
      const report = {
        ref: image.ref,
        ...copy.source !== void 0 && copy.source !== "daemon" && { stored: copy.source },
        bytesFetched: copy.bytesCopied,
        ...(copy.error ?? copy.warning) !== void 0 && { warning: copy.error ?? copy.warning }
      };
      const docker = await engine();
      for (const known of [image.ref, stored.localTag]) {
        if (await docker.hasImage(known)) {
          note(`${known} is in the Docker daemon: left alone`);
          return { ...report, daemon: "present", image: known };
        }
      }
      if (copy.error !== void 0) return { ...report, daemon: "absent", warning: `${copy.error}; kind pulls it` };
      const store = new PreloadStore(stored.data);
      await docker.loadImage(dockerArchive({ store, repository: preloadRepository(source), digest: stored.digest, platform: parsePlatform(stored.platform), tag: stored.localTag }));
      note(`${image.ref} loaded into the Docker daemon from ${stored.data} as ${stored.localTag}`);
      return { ...report, daemon: "loaded", image: stored.localTag };
    }
  };
}

// src/core/adapters/downloads.ts
import { createWriteStream } from "node:fs";
import { Readable as Readable2 } from "node:stream";
import { pipeline } from "node:stream/promises";
var MAX_TEXT = 64 * 1024;
var fetchDownloads = {
  async text(url) {
    const response = await get(url);
    const text = await response.text();
    if (text.length > MAX_TEXT) throw new RuntimeError(`${displayUrl(url)}: ${text.length} bytes, too long for a checksum file`);
    return text;
  },
  async file(url, path) {
    const response = await get(url);
    let bytes = 0;
    const counted = Readable2.fromWeb(response.body).on("data", (chunk) => bytes += chunk.length);
    await pipeline(counted, createWriteStream(path, { mode: 493 }));
    return bytes;
  }
};
async function get(url) {
  let response;
  try {
    response = await fetch(url, { redirect: "follow", signal: AbortSignal.timeout(3e5) });
  } catch (err) {
    throw new RuntimeError(`cannot download ${displayUrl(url)}: ${err.cause instanceof Error ? err.cause.message : err.message}`);
  }
  if (!response.ok || !response.body) throw new RuntimeError(`cannot download ${displayUrl(url)}: HTTP ${response.status}`);
  return response;
}

// src/core/default-deps.ts
function defaultDeps(env, exec = processExec(env)) {
  const credentials = dockerConfigCredentials(env);
  let engine;
  const docker = () => engine ??= connectEngine(env);
  const localImages = {
    imageId: async (ref) => (await docker()).imageId(ref),
    save: async (ref) => (await docker()).saveImage(ref)
  };
  return {
    reader: sourceReader,
    facts: planFacts,
    exec,
    localImages,
    registries: dockerRegistries(docker, env, credentials),
    preloader: registryPreloader(env, credentials, localImages),
    // Loaded when a build runs: commands that only plan never compile the build runner.
    builder: {
      run: async (builds, { root, logDir, skipPre }, reporter) => (await import("./build-runner-W46G3TJ6.js")).runBuilds(builds, { root }, { env, logDir, ...skipPre && { skipPre } }, { exec, localImages, reporter })
    },
    hostsFiles: { write: writeHostsDir },
    nodeImages: nodeImageLoader(env, credentials, docker),
    downloads: fetchDownloads,
    cluster: kindCluster(exec)
  };
}

export {
  defaultDeps
};
