import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

// src/core/options/options.ts
var COMMANDS = ["plan", "up", "build", "down", "cache-key", "cache-paths", "cache-prune", "verify", "tools"];
var PLANNING = ["plan", "up", "build", "cache-key", "cache-paths", "cache-prune", "verify"];
var SAVE_POLICIES = ["always", "default-branch", "never"];
var CACHE_ENTRIES = ["registry", "node-image"];
var text = (arg) => ({ value: "text", arg });
var OPTIONS = {
  config: { ...text("FILE"), value: "path", commands: PLANNING, description: "Project sew.yaml to use instead of ./sew.yaml." },
  from: { ...text("CTX"), repeat: "lines", commands: PLANNING, description: "Contexts to compose from (replaces the project file's `from`)." },
  registry: { ...text("URL"), commands: PLANNING, description: "Context registry (file://, https://) replacing the project file's `registry`; with none anywhere, `from` names resolve in sew's published registry, https://a-cordier.github.io/sew." },
  flags: { value: "flagName", arg: "NAME", cli: "flag", repeat: "words", commands: PLANNING, description: "Context flags to activate (`no-es` or `--no-es`)." },
  set: { value: "setting", arg: "KEY=VALUE", repeat: "lines", commands: PLANNING, description: "Template variables (as `sew create --set`): KEY for every context that declares it, `path.to.context.KEY=VALUE` for one context only." },
  "allow-env": { value: "envName", arg: "NAME", repeat: "lines", commands: PLANNING, description: "Environment variables a fetched context's template `env` may read besides HOME and USER (see the README's Trust model)." },
  "skip-preload": { value: "boolean", commands: PLANNING, description: "Bypass preloading for this run (mirrors stay on)." },
  cluster: { value: "boolean", cli: "no-cluster", default: "true", commands: ["up"], cliDescription: "Stop after the registries and the containerd hosts files: no Kind cluster is created or reused.", description: "Create (or reuse) the Kind cluster; `false` (`--no-cluster`) stops after the registries and hosts files." },
  "cluster-name": { value: "clusterName", arg: "NAME", commands: PLANNING, description: "Name of the Kind cluster, overriding kind.name (default sew)." },
  "node-image": {
    ...text("IMAGE"),
    value: "image",
    commands: ["plan", "up", "cache-key", "cache-paths", "cache-prune"],
    description: "Kind node image (kind create cluster --image; default: the kind config's, else the kind binary's own). Pinned by digest, it is stored and cached apart and put into Docker without a download."
  },
  "kind-version": {
    value: "kindVersion",
    arg: "VERSION",
    commands: ["tools"],
    description: "Install this kind release (e.g. v0.24.0) into $SEW_HOME/tools, checked against its published sha256 and kept in a cache entry of its own, instead of using the one on the PATH ($SEW_KIND_DOWNLOAD_URL replaces the download site)."
  },
  "kubectl-version": {
    value: "kubectlVersion",
    arg: "VERSION",
    commands: ["tools"],
    description: "Install this kubectl release (e.g. v1.31.0) the same way ($SEW_KUBECTL_DOWNLOAD_URL replaces the download site)."
  },
  wait: { value: "duration", arg: "DURATION", default: "60s", commands: ["up"], description: "How long kind waits for the control plane (kind --wait), a Go duration such as 60s, 5m or 1m30s." },
  "sew-home": { ...text("DIR"), value: "path", commands: [...PLANNING, "down", "tools"], description: "$SEW_HOME, where registry data lives (default $SEW_HOME, else ~/.sew; a leading ~ is expanded)." },
  "registry-image": { ...text("IMAGE"), value: "image", commands: PLANNING, description: "Image the preload and mirror registries run (default $SEW_REGISTRY_IMAGE, else registry:2)." },
  cache: { value: "boolean", default: "true", commands: [], actionOnly: "the CLI never caches: cache-key and cache-paths give a CI system what to cache", description: "Restore and save the registry data with actions/cache." },
  "cache-key-prefix": { ...text("PREFIX"), cli: "prefix", commands: ["cache-key"], description: "Prefix of the cache keys, e.g. to keep caches of several jobs apart." },
  save: {
    value: "savePolicy",
    default: "always",
    commands: [],
    actionOnly: "the CLI never saves a cache: the CI system does, by its own rules",
    description: "When to save the cache after the job, `always`, `default-branch` (only on the repository's default branch; other branches restore only) or `never`."
  },
  preload: { ...text("REF"), repeat: "lines", commands: PLANNING, description: "Extra image references to preload, on top of the configuration." },
  mirrors: { ...text("UPSTREAM"), cli: "mirror", repeat: "words", commands: PLANNING, description: "Extra upstreams to mirror (host, or host=url)." },
  "cache-registry": {
    value: "cacheRegistry",
    arg: "HOST/PATH",
    commands: PLANNING,
    description: "An OCI registry every job, branch and repository shares as a second-level image cache, e.g. ghcr.io/acme/sew-cache: images are read from it before their upstream and, in readwrite mode, written back to it (credentials as for any registry: the Docker config or images.registries)."
  },
  "cache-registry-mode": {
    value: "cacheRegistryMode",
    arg: "MODE",
    commands: PLANNING,
    description: "`read` or `readwrite` (write back what came from the upstreams). The action's default: readwrite on the repository's default branch, read elsewhere, so pull requests never write; elsewhere read unless given."
  },
  local: { value: "boolean", commands: PLANNING, description: "Start a local registry you push to (sew-local on 127.0.0.1:5050, or images.local in sew.yaml)." },
  "local-cache": { value: "boolean", commands: PLANNING, description: "Keep the local registry's data in the cache too (off; build outputs usually change every run)." },
  verify: { value: "boolean", commands: ["up"], description: "After preloading, check offline that every preloaded image is complete; fail (exit 1) if not." },
  build: { value: "boolean", commands: ["up"], description: "First run every build of sew.yaml's `builds` (pre commands, docker build) and put the images into the preload registry, as `sew-ci build` does; logs under $SEW_HOME/logs/build." },
  "skip-pre": { value: "boolean", cliOnly: true, commands: ["build"], description: "Do not run the builds' `pre` commands." },
  json: { value: "boolean", cliOnly: true, commands: [...PLANNING, "down", "tools"], description: "Print JSON on stdout instead of text." },
  content: { value: "boolean", cliOnly: true, commands: ["cache-key"], description: "The key to save under: the plan key plus a fingerprint of the registry data now on disk (run it after 'up')." },
  entry: {
    value: "cacheEntry",
    arg: "ENTRY",
    default: "registry",
    cliOnly: true,
    commands: ["cache-key", "cache-paths"],
    description: "Which cache entry: `registry` (the registry data) or `node-image` (the Kind node image, cached apart under a key naming its digest; nothing is printed when the plan stores none)."
  },
  platform: { value: "platform", arg: "OS/ARCH", cliOnly: true, commands: ["cache-key"], description: "The platform the CI runners preload for (default: this machine's)." },
  write: { ...text("FILE"), value: "path", cliOnly: true, commands: ["cache-key"], description: "Write the key to FILE (its directory must exist), for CI systems keying caches on a file: needs --platform; leaves out the user-level sew.yaml." },
  check: { ...text("FILE"), value: "path", cliOnly: true, commands: ["cache-key"], description: "Exit 1 when FILE does not hold the key --write would write, printing the command that does." },
  bin: { ...text("DIR"), value: "path", cliOnly: true, commands: ["tools"], description: "Also copy the binaries into DIR (e.g. /usr/local/bin), to run them by name." },
  name: { value: "clusterName", arg: "NAME", cliOnly: true, commands: ["down"], description: "The cluster to delete (default: the one sew-ci knows of, else sew)." },
  purge: { value: "boolean", cliOnly: true, commands: ["down"], description: "Also remove the registries and their data." }
};
var declared = OPTIONS;
function declaration(name) {
  return declared[name];
}
function cliName(name) {
  return declared[name].cli ?? name;
}
function negated(name) {
  return declared[name].cli === `no-${name}`;
}
function optionsOf(command) {
  return Object.keys(OPTIONS).filter((name) => declared[name].commands.includes(command));
}
function cliOptions(command) {
  return optionsOf(command).map(cliName);
}
function inputOptions() {
  return Object.keys(OPTIONS).filter((name) => !declared[name].cliOnly);
}
var cliWhere = (name) => `--${cliName(name)}`;
var inputWhere = (name) => `input ${name}`;

export {
  COMMANDS,
  SAVE_POLICIES,
  CACHE_ENTRIES,
  OPTIONS,
  declaration,
  cliName,
  negated,
  optionsOf,
  cliOptions,
  inputOptions,
  cliWhere,
  inputWhere
};
