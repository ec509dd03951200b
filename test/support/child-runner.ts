// Bundles test entry points with esbuild (Node 20 cannot run TypeScript itself) and runs them.

import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { ChildArgs } from './copy-child.js';

const here = dirname(fileURLToPath(import.meta.url));
const bundles = new Map<string, Promise<string>>();

/** `entry` (relative to this directory) bundled into one ESM file; its path. */
export function bundled(entry: string): Promise<string> {
  let done = bundles.get(entry);
  if (done === undefined) {
    // A fixed, git-ignored path rewritten each run (integration files run one at a time).
    const outfile = join(here, '..', '..', 'node_modules', '.cache', 'sew-ci', `${entry.replace(/\W+/g, '-')}.mjs`);
    // Dependencies are imported from node_modules at run time, as the sources are under test.
    done = build({ entryPoints: [join(here, entry)], outfile, bundle: true, packages: 'external', platform: 'node', target: 'node20', format: 'esm', logLevel: 'warning' }).then(() => outfile);
    bundles.set(entry, done);
  }
  return done;
}

/** The CLI as built from the sources under test, not the committed dist/. */
export const bundledCli = (): Promise<string> => bundled('../../src/cli/bin.ts');

export interface RunningChild {
  readonly process: ChildProcess;
  /** Resolves with the exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals>;
}

/** Starts the copy child; `onLine` sees each JSON line it prints. */
export async function runCopyChild(args: ChildArgs, onLine: (value: Record<string, unknown>) => void, env: NodeJS.ProcessEnv = process.env): Promise<RunningChild> {
  const script = await bundled('copy-child.ts');
  const child = spawn(process.execPath, [script, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'inherit'], env });
  createInterface({ input: child.stdout! }).on('line', (text) => onLine(JSON.parse(text) as Record<string, unknown>));
  const exited = new Promise<number | NodeJS.Signals>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code ?? -1)));
  return { process: child, exited };
}
