import { describe, expect, it } from 'vitest';
import { withHomeLock } from '../../../src/core/lock.js';
import type { Reporter } from '../../../src/core/ports/reporter.js';
import { silentReporter } from '../../support/silent-reporter.js';
import { writeTree } from '../../support/tree.js';

const recording = (): Reporter & { infos: string[] } => {
  const infos: string[] = [];
  return { ...silentReporter, infos, info: (m) => infos.push(m) };
};

describe('one run per $SEW_HOME', () => {
  it('a second run waits, saying so, and never interleaves', async () => {
    const home = writeTree({});
    const events: string[] = [];
    let releaseFirst!: () => void;
    const first = withHomeLock(home, silentReporter, async () => {
      events.push('first start');
      await new Promise<void>((r) => (releaseFirst = r));
      events.push('first end');
    });
    await new Promise((r) => setTimeout(r, 50));
    const reporter = recording();
    const second = withHomeLock(home, reporter, async () => void events.push('second'));
    await new Promise((r) => setTimeout(r, 400));
    expect(events).toEqual(['first start']);
    expect(reporter.infos).toEqual([`another sew-ci run holds ${home}; waiting for it (up to 600 s)`]);
    releaseFirst();
    await Promise.all([first, second]);
    expect(events).toEqual(['first start', 'first end', 'second']);
  });

  it('gives up clearly when the holder does not finish in time', async () => {
    const home = writeTree({});
    let release!: () => void;
    const holder = withHomeLock(home, silentReporter, () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 50));
    await expect(withHomeLock(home, silentReporter, async () => undefined, 300)).rejects.toThrow(`another sew-ci run still holds ${home} after 0.3 s`);
    release();
    await holder;
  });

  it('releases the lock when the work fails', async () => {
    const home = writeTree({});
    await expect(withHomeLock(home, silentReporter, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(withHomeLock(home, silentReporter, async () => 'next')).resolves.toBe('next');
  });
});
