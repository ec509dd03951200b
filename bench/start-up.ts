// Start-up time of the CLI, whole process: what every command pays before it does anything,
// against Node itself. Needs no Docker, so `npm run bench -- --start-up` measures it alone
// and updates its section of bench/results.md in place (measure.ts's writeSection).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, series, type Series } from './measure.js';

const TITLE = '## Start-up (whole process)';

/** Medians of `runs` runs of each command, taken in turns so that load on the machine falls on all alike. */
export async function measureStartUp(cli: string, runs: number): Promise<string[]> {
  const home = mkdtempSync(join(tmpdir(), 'sew-bench-start-'));
  try {
    writeFileSync(join(home, 'sew.yaml'), 'images:\n  preload:\n    refs: [mongo:7, redis:7.4, ghcr.io/team/api:1]\n  mirrors:\n    upstreams: [ghcr.io]\n');
    const env = { PATH: process.env.PATH, HOME: home, SEW_HOME: join(home, '.sew') };
    const commands: Record<string, string[]> = {
      'node -e 0': [process.execPath, '-e', '0'],
      'sew-ci --version': [process.execPath, cli, '--version'],
      'sew-ci plan --json': [process.execPath, cli, 'plan', '--json', '--config', join(home, 'sew.yaml')],
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, command] of Object.entries(commands)) times[name]!.push((await run(command, { env })).ms);
    }
    const s = Object.fromEntries(Object.entries(times).map(([name, values]) => [name, series(values)])) as Record<string, Series>;
    const node = s['node -e 0']!.median;
    const version = s['sew-ci --version']!.median;
    const plan = s['sew-ci plan --json']!.median;
    return [
      TITLE,
      '',
      `Median, min and max of ${runs} runs each, in seconds, the three commands taken in turns; Node ${process.version}, an environment of PATH, HOME and SEW_HOME only. On Node >= 22.1 the compile cache takes a little more off every run after the first.`,
      '',
      '| command | median | min | max | over `node -e 0` |',
      '|---|---:|---:|---:|---:|',
      ...Object.entries(s).map(([name, x]) => `| \`${name}\` | ${sec(x.median)} | ${sec(x.min)} | ${sec(x.max)} | ${name === 'node -e 0' ? '' : `+${sec(x.median - node)}`} |`),
      '',
      '| target | measured | met |',
      '|---|---|---|',
      `| \`sew-ci plan\` under 0.35 s | ${sec(plan)} s | ${plan < 350 ? 'yes' : '**no**'} |`,
      `| \`sew-ci plan\` within 0.15 s of \`node -e 0\` | +${sec(plan - node)} s | ${plan - node < 150 ? 'yes' : '**no**'} |`,
      `| \`sew-ci --version\` within 0.05 s of \`node -e 0\` | +${sec(version - node)} s | ${version - node < 50 ? 'yes' : '**no**'} |`,
      '',
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

const sec = (ms: number) => (ms / 1000).toFixed(3);
