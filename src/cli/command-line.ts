import { processIO } from './io.js';
import { runCli } from './run.js';
import { exitOnSignals } from './signals.js';

/** The CLI process: the command line's command, its exit code the process's. */
export async function main(): Promise<void> {
  exitOnSignals(processIO());
  // A reader that went away (`sew-ci help plan | head -1`) wants no more output: end quietly,
  // as Unix tools do, instead of a stack trace for the write that failed.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(process.exitCode ?? 0);
    });
  }
  process.exitCode = await runCli(process.argv.slice(2), processIO());
}
