// A $SEW_HOME that is not a directory of its own is refused before anything reads, writes or
// purges in it: `down --purge` would otherwise treat the whole filesystem (or the user's
// home) as sew-ci's data.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../support/tree.js';
import { cli } from '../../support/cli.js';

describe('$SEW_HOME that sew-ci may not own', () => {
  const root = writeTree({ 'project/.keep': '' });
  const home = join(root, 'user');
  mkdirSync(home);
  symlinkSync('/', join(root, 'to-root'));
  symlinkSync(home, join(root, 'to-home'));

  it.each([
    ['/', 'the root directory'],
    [join(root, 'to-root'), 'the root directory'],
    [home, 'your home directory itself'],
    ['~', 'your home directory itself'],
    [join(root, 'to-home'), 'your home directory itself'],
    ['/etc', 'a system directory'],
    ['/usr', 'a system directory'],
    ['/bin', 'a system directory'],
    ['/tmp', 'a system directory'],
  ])('%s is refused as %s, by plan and by down --purge, exit 2', async (sewHome, reason) => {
    for (const args of [['plan'], ['down', '--purge']]) {
      const result = await cli(args, join(root, 'project'), { HOME: home, SEW_HOME: sewHome });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(`$SEW_HOME: ${sewHome === '~' ? home : sewHome} is ${reason}`);
    }
  });

  it('a directory of its own (the default ~/.sew, or one under /tmp) is accepted', async () => {
    for (const sewHome of ['~/.sew', join(root, 'sew')]) {
      const result = await cli(['plan', '--json'], join(root, 'project'), { HOME: home, SEW_HOME: sewHome });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
  });
});
