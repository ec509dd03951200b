// A stand-in for binaries that cannot run here (kind): records each call and answers from
// a script, behind the same Exec port the real process runner implements.
import type { Exec, ExecOptions, ExecResult } from '../../src/core/exec/exec.js';
import { processExec } from '../../src/core/exec/exec.js';

export interface Call {
  command: string;
  args: string[];
  input?: string;
}

export type Script = (call: Call) => Partial<ExecResult> | undefined;

/** Answers `command` calls from `script`; every other command runs for real (docker). */
export function recordedExec(command: string, script: Script): Exec & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    async run(cmd: string, args: readonly string[], options: ExecOptions = {}) {
      const call = { command: cmd, args: [...args], ...(options.input !== undefined && { input: options.input }) };
      calls.push(call);
      if (cmd !== command) return processExec(process.env).run(cmd, args, options);
      const answer = script(call) ?? {};
      return { code: answer.code ?? 0, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
    },
  };
}
