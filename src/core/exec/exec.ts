// Running external programs (kind, docker-credential-*) behind a port, so tests can put a
// recorded fake where the real binary cannot run.
import type { ChildProcess } from 'node:child_process';

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ExecOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  readonly input?: string;
  /** Called with each chunk of output, for progress; output is still collected unless `collect` is false. */
  readonly onOutput?: (chunk: string) => void;
  /** False to only stream output to onOutput, for commands whose output is unbounded (builds). */
  readonly collect?: boolean;
}

export interface Exec {
  run(command: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

/** The program is not on the PATH: kind/cluster.ts says how to install kind. */
export class CommandNotFoundError extends Error {
  override readonly name = 'CommandNotFoundError';
  constructor(readonly command: string) {
    super(`${command}: command not found`);
  }
}

/**
 * Each command runs in a process group of its own, stopped whole when sew-ci exits first
 * (an interrupted run): a build's `sh -c` must not leave its compiler running behind a
 * cancelled job.
 */
const running = new Set<ChildProcess>();

function stopWithUs(child: ChildProcess): void {
  if (running.size === 0) process.once('exit', stopAll);
  running.add(child);
  child.once('close', () => {
    running.delete(child);
    if (running.size === 0) process.removeListener('exit', stopAll);
  });
}

function stopAll(): void {
  for (const child of running) {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
  }
}

/** Programs run as children of this process, in `env` unless a call gives its own. */
export function processExec(env: NodeJS.ProcessEnv): Exec {
  return { run: (command, args, options = {}) => spawnRun(command, args, { ...options, env: options.env ?? env }) };
}

async function spawnRun(command: string, args: readonly string[], options: ExecOptions & { env: NodeJS.ProcessEnv }): Promise<ExecResult> {
  // node:child_process is loaded when a command first runs: most runs start none.
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { env: options.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) stopWithUs(child);
    const collect = options.collect !== false;
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (collect) stdout += chunk;
      options.onOutput?.(chunk);
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (collect) stderr += chunk;
      options.onOutput?.(chunk);
    });
    child.on('error', (err: NodeJS.ErrnoException) => reject(err.code === 'ENOENT' ? new CommandNotFoundError(command) : err));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A command that exits without reading its input closes the pipe: not an error of ours.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
