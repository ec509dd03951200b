// The committed bundle is what users run: it must work with nothing but Node.
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTree } from '../../support/tree.js';

const CLI = resolve('dist/cli.js');

describe('dist/cli.js', () => {
  it('plans a layered config', () => {
    const dir = writeTree({ 'reg/base/sew.yaml': 'images:\n  preload:\n    refs: [mongo:7]\n', 'sew.yaml': 'registry: file://./reg\nfrom: [base]\n' });
    const out = execFileSync(process.execPath, [CLI, 'plan', '--json'], { cwd: dir, env: { HOME: dir, PATH: process.env.PATH } });
    expect(JSON.parse(out.toString()).preload.refs).toEqual(['docker.io/library/mongo:7']);
  });

  it('exits 2 with one line on bad input', () => {
    const dir = writeTree({ 'sew.yaml': 'images:\n  preload:\n    refs: ["Bad"]\n' });
    const run = spawnSync(process.execPath, [CLI, 'plan'], { cwd: dir, env: { HOME: dir, PATH: process.env.PATH } });
    expect(run.status).toBe(2);
    expect(run.stderr.toString()).toBe('sew-ci: sew.yaml:3:12: invalid image reference "Bad": repository must be lowercase\n');
  });
});
