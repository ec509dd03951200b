import { processIO } from './io.js';
import { runCli } from './run.js';
import { exitOnSignals } from './signals.js';

/** The CLI process: the command line's command, its exit code the process's. */
export async function main(): Promise<void> {
  exitOnSignals(processIO());
  process.exitCode = await runCli(process.argv.slice(2), processIO());
}
