// The wrappers run a pinned sew-ci, never @latest: the version this repository releases.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli, VERSION } from '../../../src/cli/run.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
const yaml = (path: string) => parse(readFileSync(path, 'utf8'), { customTags: [{ tag: '!reference', collection: 'seq', resolve: () => null }] });

describe('the pinned sew-ci version', () => {
  it.each([
    ['the orb (setup; teardown runs what setup ran)', () => yaml('orb/commands/setup.yml').parameters.version.default],
    ['the GitLab template', () => yaml('gitlab/sew-ci.gitlab-ci.yml')['.sew-ci'].variables.SEW_CI_VERSION],
    ['the CLI', () => VERSION],
  ])('in %s is package.json’s', (_, pinned) => {
    expect(String(pinned())).toBe(version);
  });

  it('is set nowhere else, and never @latest', () => {
    for (const path of ['orb/commands/setup.yml', 'orb/commands/teardown.yml', 'gitlab/sew-ci.gitlab-ci.yml']) {
      const text = readFileSync(path, 'utf8').replace(/^\s*#.*$/gm, '');
      expect(text, path).not.toContain('latest');
      expect(text.match(/\d+\.\d+\.\d+/g)?.filter((v) => v === version) ?? [], path).toHaveLength(path.includes('teardown') ? 0 : 1);
    }
  });

  it('sew-ci --version prints it', async () => {
    let out = '';
    expect(await runCli(['--version'], { cwd: '.', env: {}, out: (t) => (out += t), err: () => undefined, isTTY: false })).toBe(0);
    expect(out).toBe(`sew-ci ${version}\n`);
  });
});
