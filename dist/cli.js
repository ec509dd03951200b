#!/usr/bin/env node
import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);
import "./chunks/chunk-QNY4GVO4.js";

// src/cli/bin.ts
await (await import("./chunks/command-line-ZF6WZYJD.js")).main();
