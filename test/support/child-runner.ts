// Bundles copy-child.ts with esbuild (Node 20 cannot run TypeScript itself) and runs it.

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ChildArgs } from './copy-child.js';

const here = dirname(fileURLToPath(import.meta.url));
let bundled: Promise<string> | undefined;

export function bundleCopyChild(): Promise<string> {
  bundled ??= (async () => {
    // A fixed, git-ignored path rewritten each run (integration files run one at a time).
    const outfile = join(here, '..', '..', 'node_modules', '.cache', 'sew-ci', 'copy-child.mjs');
    await build({
      entryPoints: [join(here, 'copy-child.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return bundled;
}

export interface RunningChild {
  readonly process: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** Starts the copy child; `onLine` sees each JSON line it prints. */
export async function runCopyChild(args: ChildArgs, onLine: (value: Record<string, unknown>) => void): Promise<RunningChild> {
  const script = await bundleCopyChild();
  const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout! }).on('line', (text) => onLine(JSON.parse(text) as Record<string, unknown>));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  return { process: child, exited };
}
