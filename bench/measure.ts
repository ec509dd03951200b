// Timing and peak memory of commands, for the benchmark.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface Measured {
  readonly ms: number;
  readonly stdout: string;
  /** Peak resident set of the process itself (VmHWM), in bytes; 0 when not sampled. */
  readonly peakRss: number;
}

/** Runs `command` (through bash when it is a string, for pipes), failing on a non-zero exit. */
export function run(command: string | string[], options: { env?: NodeJS.ProcessEnv; sampleRss?: boolean } = {}): Promise<Measured> {
  const [file, args] = typeof command === 'string' ? ['bash', ['-c', `set -euo pipefail; ${command}`]] : [command[0]!, command.slice(1)];
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peakRss = 0;
    const sample = () => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
      } catch {
        // The process is gone: the last sample stands.
      }
    };
    const timer = options.sampleRss ? setInterval(sample, 20) : undefined;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', () => options.sampleRss && sample());
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - start;
      if (code !== 0) reject(new Error(`${typeof command === 'string' ? command : command.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
      else resolve({ ms, stdout, peakRss });
    });
  });
}

export interface Series {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly runs: number;
}

export function series(values: readonly number[]): Series {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)!, runs: values.length };
}

/** `prepare` is not timed; `measure` is, `runs` times. */
export async function repeat(runs: number, prepare: () => Promise<void>, measure: () => Promise<number>): Promise<Series> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    await prepare();
    values.push(await measure());
  }
  return series(values);
}

/** The 1, 5 and 15 minute load averages now, as `uptime` prints them. */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/** When a run started and ended (UTC) and the load at each end, for the results to state. */
export function runWindow(): { end: () => string } {
  const started = new Date();
  const startLoad = loadAverage();
  const hhmm = (d: Date) => d.toISOString().slice(11, 16);
  return {
    end: () => `${started.toISOString().slice(0, 10)} ${hhmm(started)}-${hhmm(new Date())} UTC on ${cpus().length} cores, load average (1, 5, 15 min) ${startLoad} at the start, ${loadAverage()} at the end`,
  };
}

/** Puts a section (its first line its `## ` title) into `file`, in place of the one there, or at its end. */
export function writeSection(file: string, lines: readonly string[]): void {
  const title = lines[0]!;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // No results yet: the section is the file.
  }
  const start = text.indexOf(title);
  const next = start < 0 ? -1 : text.indexOf('\n## ', start + title.length);
  const before = start < 0 ? text.replace(/\n*$/, text ? '\n\n' : '') : text.slice(0, start);
  const after = next < 0 ? '' : text.slice(next + 1);
  writeFileSync(file, `${before}${lines.join('\n')}${after ? `\n${after}` : ''}`);
}
