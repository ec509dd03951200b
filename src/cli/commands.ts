// The CLI's commands: what help says of each, and where its code is. A command's module is
// loaded only when it runs, so `--help` and `--version` load none of them.
import type { CommandTable } from './command.js';

export const CLI_COMMANDS: CommandTable = {
  plan: {
    summary: 'print what a run will do (resolved images, mirrors, Kind config, cache key)',
    description: 'Resolves the layered sew.yaml and prints what a run will do, without doing any of it.',
    contextFlags: true,
    load: async () => (await import('./commands/plan.js')).planCommand,
  },
  up: {
    summary: 'start the registries, preload the images, write containerd hosts, create the Kind cluster',
    description: 'Resolves the plan, starts the preload and mirror registries, copies the preload images,\nwrites the containerd hosts files and creates (or reuses) the Kind cluster.',
    contextFlags: true,
    load: async () => (await import('./commands/up.js')).upCommand,
  },
  build: {
    summary: "run sew.yaml's builds and put the images into the preload registry",
    description:
      "Runs the builds declared in sew.yaml's `builds` (all of them, or those NAMEd, in that order):\neach build's `pre` commands in its `dir`, then `docker build` (skipped when there is no\nDockerfile: the pre commands make the image), then puts the image into the preload registry\nso Kind nodes pull it by its own name. Output goes to $SEW_HOME/logs/build/NAME.log.",
    operands: '[NAME...]',
    contextFlags: true,
    load: async () => (await import('./commands/build.js')).buildCommand,
  },
  down: {
    summary: 'delete the Kind cluster (keeps the registries and their data unless --purge)',
    description: 'Deletes the Kind cluster (default: the one cluster sew-ci knows of, else "sew"). The preload\nand mirror registries and their data stay, as the cache of the next run, unless --purge.',
    contextFlags: false,
    load: async () => (await import('./commands/down.js')).downCommand,
  },
  'cache-key': {
    summary: 'print (or --write) the cache key and restore-key prefixes, as the action uses them',
    description: 'Prints the cache key of the plan and the restore-key prefixes, as the action uses them.',
    contextFlags: true,
    load: async () => (await import('./commands/cache.js')).cacheKeyCommand,
  },
  'cache-paths': {
    summary: 'print the directories to cache (the registry data)',
    description: 'Prints the directories to cache, one per line: the preload and mirror registry data.',
    contextFlags: true,
    load: async () => (await import('./commands/cache.js')).cachePathsCommand,
  },
  tools: {
    summary: 'install kind and kubectl releases into $SEW_HOME/tools, sha256-checked, kept for the cache',
    description:
      'Downloads the kind and kubectl releases asked for into $SEW_HOME/tools/<name>/<version>/<arch>,\neach checked against its published sha256, unless a checked copy is there already (restored\nby the CI system from $SEW_HOME/tools): a warm job downloads nothing. A kept binary whose\nsha256 changed is refused and downloaded again. Prints where each is; --bin copies them.',
    contextFlags: false,
    load: async () => (await import('./commands/tools.js')).toolsCommand,
  },
  'cache-prune': {
    summary: 'stop the preload registry and remove the images the plan no longer preloads, before a cache save',
    description:
      "Stops the preload registry and removes from its data the repositories, tags and blobs the\nplan no longer preloads, so the cache saved next tracks the image set. Run it after the\ntests, before the CI system saves the cache; the next 'up' starts the registry again.\nMirror data is kept: it holds what the nodes pulled.",
    contextFlags: true,
    load: async () => (await import('./commands/cache-prune.js')).cachePruneCommand,
  },
  verify: {
    summary: 'check, offline, that every preloaded image is complete and matches its digests',
    description: 'Checks, without asking any upstream, that every preloaded ref resolves in $SEW_HOME/preload\nand every blob it needs is there with the right digest. Exit 0 when all are, 1 otherwise.',
    contextFlags: true,
    load: async () => (await import('./commands/verify.js')).verifyCommand,
  },
};
