// Live progress is written to stderr, so whether it is drawn is decided by stderr: `up 2>log`
// gets plain lines, `up >out` on a terminal still gets the live counter.
import { afterEach, describe, expect, it } from 'vitest';
import { processIO, type CliIO } from '../../../src/cli/io.js';
import { cliReporter } from '../../../src/cli/reporter.js';

const saved = { out: process.stdout.isTTY, err: process.stderr.isTTY };
afterEach(() => {
  process.stdout.isTTY = saved.out;
  process.stderr.isTTY = saved.err;
});

function progressOf(isTTY: boolean): string {
  let err = '';
  const io: CliIO = { cwd: '/', env: {}, out: () => undefined, err: (t) => (err += t), isTTY };
  const reporter = cliReporter(io);
  reporter.progress?.({ type: 'blob-progress', ref: 'mongo:7', digest: 'sha256:aa', bytes: 2048, size: 2048 });
  reporter.progress?.({ type: 'image-finished', result: { ref: 'mongo:7', digest: 'sha256:bb', source: 'copied', bytesCopied: 2048 } });
  return err;
}

describe('live progress', () => {
  it.each([
    { stdout: true, stderr: false, live: false },
    { stdout: false, stderr: true, live: true },
  ])('stdout a terminal: $stdout, stderr a terminal: $stderr -> drawn live: $live', ({ stdout, stderr, live }) => {
    process.stdout.isTTY = stdout;
    process.stderr.isTTY = stderr;
    const err = progressOf(processIO().isTTY);
    expect(err.includes('\x1b[K')).toBe(live);
    expect(err).toContain('mongo:7  copied');
  });
});
