import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  CommandNotFoundError
} from "./chunk-SV7II3PP.js";
import {
  CERTS_DIR,
  require_dist
} from "./chunk-7O5BMRIT.js";
import {
  literal,
  object,
  string
} from "./chunk-HIWIXS2A.js";
import {
  realPath,
  writeFileAtomic
} from "./chunk-BJTG7SL2.js";
import {
  checkClusterName
} from "./chunk-6QVV3MEJ.js";
import {
  InputError,
  RuntimeError,
  __toESM
} from "./chunk-KX7LMD7I.js";

// src/core/kind/cluster.ts
var import_yaml = __toESM(require_dist(), 1);
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
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
async function createCluster(exec, config, clustersDir2, options) {
  const configPath = join(clustersDir2, `${config.name}.kind.yaml`);
  await writeFileAtomic(configPath, (0, import_yaml.stringify)(config));
  await kind(exec, kindCreateArgs(config.name, configPath, options), options.onOutput ? { onOutput: options.onOutput } : {});
  return configPath;
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
  for (const host of await readdir(hostsDir).catch(() => [])) {
    const content = await readFile(join(hostsDir, host, "hosts.toml"), "utf8").catch(() => void 0);
    if (content !== void 0) files.set(host, content);
  }
  return files;
}
function lastLine(text) {
  return text.trim().split("\n").filter(Boolean).at(-1)?.replace(/^ERROR: /, "");
}

// src/core/kind/state.ts
var import_yaml2 = __toESM(require_dist(), 1);
import { readFile as readFile2, rm } from "node:fs/promises";
import { join as join2 } from "node:path";
var stateSchema = object({
  name: string(),
  kubeconfig: string(),
  kindConfig: string(),
  hostsDir: string().optional(),
  createdAt: string(),
  createdBy: literal("sew-ci")
});
function clustersDir(sewHome) {
  return join2(sewHome, "clusters");
}
function statePath(sewHome, name) {
  return join2(clustersDir(sewHome), `${checkClusterName(name, "cluster name")}.yaml`);
}
async function writeClusterState(sewHome, state) {
  const path = statePath(sewHome, state.name);
  await writeFileAtomic(path, (0, import_yaml2.stringify)(state));
  return path;
}
async function readClusterState(sewHome, name) {
  const path = statePath(sewHome, name);
  let text;
  try {
    text = await readFile2(path, "utf8");
  } catch {
    return void 0;
  }
  const parsed = stateSchema.safeParse((0, import_yaml2.parse)(text));
  if (!parsed.success) throw new InputError(path, "not a cluster state file written by sew-ci");
  return parsed.data;
}
async function removeClusterState(sewHome, name) {
  const path = statePath(sewHome, name);
  await rm(path, { force: true });
  await rm(path.replace(/\.yaml$/, ".kind.yaml"), { force: true });
}

// src/core/kind/ownership.ts
async function assertOwnCluster(exec, sewHome, name, act, hostsDir) {
  if (await readClusterState(sewHome, name)) return;
  for (const node of await clusterNodes(exec, name)) {
    const mounted = await hostsMount(exec, node);
    if (mounted && (hostsDir === void 0 || realPath(mounted) !== realPath(hostsDir))) {
      throw new RuntimeError(`Kind cluster ${name} belongs to another sew-ci home (its nodes read containerd hosts from ${mounted}): not ${act}; choose another cluster name`);
    }
  }
}

export {
  KindNotInstalledError,
  kind,
  clusterExists,
  clusterNodes,
  createCluster,
  syncHostsIntoNodes,
  clustersDir,
  writeClusterState,
  readClusterState,
  removeClusterState,
  assertOwnCluster
};
