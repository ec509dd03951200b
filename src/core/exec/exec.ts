// Running external programs (kind, docker-credential-*) behind a port, so tests can put a
// recorded fake where the real binary cannot run, and the action can use @actions/exec.
import { spawn } from 'node:child_process';

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

export class CommandNotFoundError extends Error {
  override readonly name = 'CommandNotFoundError';
  constructor(readonly command: string) {
    super(`${command}: command not found`);
  }
}

export const processExec: Exec = {
  run(command, args, options = {}) {
    return new Promise((resolve, reject) => {
      const child = spawn(command, [...args], { env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
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
  },
};
