import { createRequire as __sewCreateRequire } from 'node:module'; import { fileURLToPath as __sewFileURLToPath } from 'node:url'; import { dirname as __sewDirnameOf } from 'node:path'; const require = __sewCreateRequire(import.meta.url); const __sewFilename = __sewFileURLToPath(import.meta.url); const __sewDirname = __sewDirnameOf(__sewFilename);

// src/core/errors.ts
import { constants } from "node:os";
var InputError = class extends Error {
  /** where: "sew.yaml:4:3", "--flag", "input cluster-name", ... */
  constructor(where, message) {
    super(`${where}: ${message}`);
    this.where = where;
  }
  where;
  name = "InputError";
};
var UnknownContextFlagError = class extends InputError {
  constructor(flag, available, where) {
    const spell = (f) => where === void 0 ? `--${f}` : f;
    const list = available.length ? `available: ${available.map(spell).join(", ")}` : "no context flags are defined";
    super(where ?? spell(flag), `unknown context flag${where === void 0 ? "" : ` ${flag}`}; ${list}`);
    this.flag = flag;
    this.available = available;
  }
  flag;
  available;
};
var RuntimeError = class extends Error {
  name = "RuntimeError";
  constructor(message, options) {
    super(message, options);
  }
};
var InterruptedError = class extends Error {
  constructor(signal) {
    super(`interrupted by ${signal}`);
    this.signal = signal;
  }
  signal;
  name = "InterruptedError";
};
var EXIT = { ok: 0, runtime: 1, input: 2, interrupted: 130 };
function exitCodeFor(err) {
  if (err instanceof InputError) return EXIT.input;
  if (err instanceof InterruptedError) {
    const number = constants.signals[err.signal];
    return number === void 0 ? EXIT.interrupted : 128 + number;
  }
  return EXIT.runtime;
}
function describeError(err) {
  if (err instanceof Error) return err.message.split("\n")[0] ?? err.name;
  return String(err);
}

export {
  InputError,
  UnknownContextFlagError,
  RuntimeError,
  InterruptedError,
  EXIT,
  exitCodeFor,
  describeError
};
