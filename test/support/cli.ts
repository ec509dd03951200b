import { runCli } from '../../src/cli/run.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its output captured. */
export async function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    cwd,
    env: { HOME: cwd, ...env },
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
    isTTY: false,
  });
  return { code, stdout, stderr };
}
