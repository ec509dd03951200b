// Typed errors. Library code throws these and never exits; the CLI and the action map
// them to exit codes and messages in one place (src/cli/run.ts, src/action/run.ts).

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

/** A context flag no layer defines; `available` are those that are. */
export class UnknownContextFlagError extends InputError {
  constructor(
    readonly flag: string,
    readonly available: readonly string[],
  ) {
    super(`--${flag}`, `unknown context flag; ${available.length ? `available: ${available.map((f) => `--${f}`).join(', ')}` : 'no context flags are defined'}`);
  }
}

/** The environment failed us at run time: Docker down, upstream unreachable, disk full. Exit code 1. */
export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The run was interrupted by a signal; partial work was rolled back. Exit code 130. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(readonly signal: string) {
    super(`interrupted by ${signal}`);
  }
}

export const EXIT = { ok: 0, runtime: 1, input: 2, interrupted: 130 } as const;

export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError) return EXIT.input;
  if (err instanceof InterruptedError) return EXIT.interrupted;
  return EXIT.runtime;
}

/** One line, never a stack trace: what a user sees. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
