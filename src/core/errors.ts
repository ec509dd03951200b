// What callers tell apart: the user's input (exit 2), the run's environment (exit 1), an
// interrupt (128 + the signal: 130 for SIGINT). Library code throws and never exits; the
// exit code of any error is decided here, and the CLI (src/cli/run.ts, src/cli/signals.ts)
// and the action (src/action/main.ts) only report it. A subclass exists only where a caller
// catches it by type. Impossible states are plain `Error`s: they are bugs, not input.
import { constants } from 'node:os';

/** Something the user wrote is wrong: a file, a flag, an input, a ref. Exit code 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** where: "sew.yaml:4:3", "--flag", "input cluster-name", ... */
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
  }
}

/**
 * A context flag no layer defines; `available` are those that are. Named as typed on the
 * command line (`--no-es`), or under the surface's option (`input flags`) by its bare name.
 */
export class UnknownContextFlagError extends InputError {
  constructor(
    readonly flag: string,
    readonly available: readonly string[],
    where?: string,
  ) {
    const spell = (f: string) => (where === undefined ? `--${f}` : f);
    const list = available.length ? `available: ${available.map(spell).join(', ')}` : 'no context flags are defined';
    super(where ?? spell(flag), `unknown context flag${where === undefined ? '' : ` ${flag}`}; ${list}`);
  }
}

/** The environment failed us at run time: Docker down, upstream unreachable, disk full. Exit code 1. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The run was interrupted by a signal; partial work was rolled back. Exit code 128 + the signal's number. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}

export const EXIT = { ok: 0, runtime: 1, input: 2, interrupted: 130 } as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError) return EXIT.input;
  if (err instanceof InterruptedError) {
    const number = (constants.signals as Record<string, number | undefined>)[err.signal];
    return number === undefined ? EXIT.interrupted : 128 + number;
  }
  return EXIT.runtime;
}

/** One line, never a stack trace: what a user sees. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
