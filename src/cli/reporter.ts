// The CLI's reporter: phases and notes on stderr (stdout stays clean for --json), a live
// byte counter per image on a terminal, one line per image otherwise.
import { formatBytes } from '../core/format.js';
import type { ImageEvent } from '../core/ports/preloader.js';
import type { Reporter } from '../core/ports/reporter.js';
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
    progress(event: ImageEvent) {
      // Counted per finished blob: a redraw per chunk would flood a slow terminal.
      if (event.type === 'blob-progress' && event.bytes === event.size) {
        const total = (bytes.get(event.ref) ?? 0) + event.size;
        bytes.set(event.ref, total);
        if (live) io.err(`\r    ${event.ref}  ${formatBytes(total)}\x1b[K`);
      } else if (event.type === 'image-finished') {
        const { ref, error, source, bytesCopied } = event.result;
        if (live) io.err('\r\x1b[K');
        io.err(`    ${ref}  ${error ? `failed: ${error}` : `${source} ${formatBytes(bytesCopied)}`}\n`);
      }
    },
  };
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}
