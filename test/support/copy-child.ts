// copyImages in a process of its own, for tests that SIGKILL it midway or read its peak
// RSS. Arguments come as one JSON argv; events and the final report go to stdout as JSON lines.

import { readFileSync } from 'node:fs';
import { parseReference } from '../../src/core/images/reference.js';
import { copyImages } from '../../src/core/preload/copier.js';

export interface ChildArgs {
  readonly refs: readonly string[];
  /** The preload storage directory. */
  readonly target: string;
  readonly upstream: string;
  readonly concurrency?: number;
  /** For the upstream (and the token realm it names). */
  readonly credentials?: { readonly username: string; readonly password: string };
}

const PROGRESS_STEP = 8 * 1024 * 1024;

const args = JSON.parse(process.argv[2] ?? '{}') as ChildArgs;
const line = (value: unknown): void => void process.stdout.write(`${JSON.stringify(value)}\n`);
const reported = new Map<string, number>();
const report = await copyImages(
  args.refs.map((ref) => ({ source: parseReference(ref) })),
  {
    target: { root: args.target },
    upstream: () => ({ url: args.upstream }),
    credentials: async () => args.credentials,
    ...(args.concurrency !== undefined && { concurrency: args.concurrency }),
    onEvent: (event) => {
      if (event.type !== 'blob-progress') return line(event);
      const last = reported.get(event.digest) ?? 0;
      if (event.bytes - last >= PROGRESS_STEP || event.bytes === event.size) {
        reported.set(event.digest, event.bytes);
        line(event);
      }
    },
  },
);
line({ type: 'done', report, peakRssKb: peakRssKb() });
// As `up` does: any image that failed fails the run.
process.exitCode = report.results.some((result) => result.error !== undefined) ? 1 : 0;

/**
 * VmHWM, this process image's own high-water mark. getrusage's maxRSS is no good here:
 * Linux carries the parent's peak across fork and exec into the child's figure.
 */
function peakRssKb(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    if (match !== null) return Number(match[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
