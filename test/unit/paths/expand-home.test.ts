// One function expands `~` for every path sew-ci is given: options, inputs, SEW_HOME.
import { describe, expect, it } from 'vitest';
import { expandHome, sewHome, userPath } from '../../../src/core/paths.js';

const env = { HOME: '/home/ci' };

describe('~ in paths', () => {
  it.each([
    ['~', '/home/ci'],
    ['~/.sew', '/home/ci/.sew'],
    ['~/a/../b', '/home/ci/b'],
    ['/abs/~/x', '/abs/~/x'],
    ['~other/x', '~other/x'],
    ['rel/~', 'rel/~'],
  ])('expandHome(%j) = %j', (path, expected) => {
    expect(expandHome(path, env)).toBe(expected);
  });

  it('userPath expands, then resolves against the working directory', () => {
    expect(userPath('~/.sew', '/work', env)).toBe('/home/ci/.sew');
    expect(userPath('.sew', '/work', env)).toBe('/work/.sew');
  });

  it.each([
    [{ ...env, SEW_HOME: '~/.sew' }, undefined, '/home/ci/.sew'],
    [{ ...env, SEW_HOME: '/data/sew' }, undefined, '/data/sew'],
    [env, undefined, '/home/ci/.sew'],
    [{ ...env, SEW_HOME: '' }, undefined, '/home/ci/.sew'],
    [{ ...env, SEW_HOME: '/data/sew' }, '~/other', '/home/ci/other'],
    [{ ...env, SEW_HOME: 'rel/sew' }, undefined, '/work/rel/sew'],
    [env, '.sew', '/work/.sew'],
  ])('SEW_HOME %j with override %j is %s', (e, override, expected) => {
    expect(sewHome(e, '/work', override)).toBe(expected);
  });
});
