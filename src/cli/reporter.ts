// The CLI's reporter: phases and notes on stderr (stdout stays clean for --json), a live
// byte counter per image on a terminal, one line per image otherwise.
import { formatBytes } from '../core/format.js';
import type { ProgressEvent, Reporter } from '../core/report.js';
import type { CliIO } from './io.js';

export function cliReporter(io: CliIO): Reporter {
  const live = io.isTTY && io.env.CI === undefined;
  const bytes = new Map<string, number>();
  return {
    async phase(name, work) {
      io.err(`==> ${name}\n`);
      const start = performance.now();
      const result = await work();
      io.err(`    ${name}: ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
      return result;
    },
    info: (message) => io.err(`    ${message}\n`),
    warn: (message) => io.err(`warning: ${message}\n`),
    progress(event: ProgressEvent) {
      if (event.kind === 'bytes') {
        const total = (bytes.get(event.ref) ?? 0) + event.bytes;
        bytes.set(event.ref, total);
        if (live) io.err(`\r    ${event.ref}  ${formatBytes(total)}\x1b[K`);
      } else if (event.kind === 'image-done') {
        if (live) io.err('\r\x1b[K');
        const what = event.error ? `failed: ${event.error}` : `${event.source} ${formatBytes(event.bytesCopied)}`;
        io.err(`    ${event.ref}  ${what}\n`);
      }
    },
  };
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
