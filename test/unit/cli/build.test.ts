// `sew-ci build` input errors (exit 2, one line) come before anything runs; `plan --json`
// shows the builds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../../support/cli.js';
import { writeTree } from '../../support/tree.js';

const project = () =>
  writeTree({
    'reg/base/sew.yaml': 'builds:\n  - {name: remote, image: remote:dev, pre: ["touch /tmp/sew-ci-must-not-exist"]}\n',
    'sew.yaml': 'images:\n  preload:\n    refs: [acme/api:dev, mongo:7]\nbuilds:\n  - {name: api, image: acme/api:dev, dir: src, buildArgs: {TOKEN: "${API_TOKEN}"}}\n  - {name: web, image: acme/web:dev}\n  - {name: gone, image: acme/gone:dev, dir: nowhere}\n',
    'src/main.c': 'int main;\n',
    'remote/sew.yaml': 'registry: file://../reg\nfrom: [base]\n',
  });

describe('sew-ci build', () => {
  // Every case fails before Docker is asked anything: the unit project has no Docker.
  it.each([
    { name: 'an unknown build', args: ['build', 'api', 'wbe'], cwd: '', error: 'sew-ci: sew-ci build: unknown build "wbe"; available: api, web, gone\n' },
    { name: 'a dir that does not exist', args: ['build', 'web', 'gone'], cwd: '', error: 'sew-ci: sew.yaml:7:5: build "gone": dir ' },
    { name: 'a build argument whose variable is unset', args: ['build', 'web', 'api'], cwd: '', error: 'sew-ci: sew.yaml:5:5: buildArgs.TOKEN: environment variable API_TOKEN is not set\n' },
    { name: 'no builds declared', args: ['build'], cwd: 'reg', error: 'no builds are declared' },
    { name: 'an unknown option', args: ['build', '--skip-pr'], cwd: '', error: 'sew-ci: --skip-pr: unknown option; did you mean --skip-pre?' },
  ])('$name: exit 2 before anything runs', async ({ args, cwd, error }) => {
    const dir = project();
    const { code, stderr } = await cli([...args, '--sew-home', join(dir, 'home')], join(dir, cwd));
    expect(code).toBe(2);
    expect(stderr).toContain(error);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it("a context's builds are ignored, as in sew: a warning, and nothing to build", async () => {
    const dir = project();
    const { code, stderr } = await cli(['build', '--sew-home', join(dir, 'home')], join(dir, 'remote'));
    expect(code).toBe(2);
    expect(stderr).toContain('"builds" has no effect in a context, as in sew');
    expect(stderr).toContain('no builds are declared');
    expect(existsSync('/tmp/sew-ci-must-not-exist')).toBe(false);
  });

  it('plan --json lists the builds, their images out of the preload list, no build arg values', async () => {
    const dir = project();
    const { code, stdout } = await cli(['plan', '--json', '--sew-home', join(dir, 'home')], dir, { API_TOKEN: 's3cret' });
    expect(code).toBe(0);
    const plan = JSON.parse(stdout);
    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7']);
    expect(plan.builds).toEqual([
      { name: 'api', image: 'docker.io/acme/api:dev', where: 'sew.yaml:5:5', pre: [], buildArgs: { TOKEN: '${API_TOKEN}' }, paths: { dir: join(dir, 'src'), context: join(dir, 'src'), dockerfile: join(dir, 'src', 'Dockerfile'), dockerfileWritten: false } },
      { name: 'web', image: 'docker.io/acme/web:dev', where: 'sew.yaml:6:5', pre: [], buildArgs: {}, paths: { dir, context: dir, dockerfile: join(dir, 'Dockerfile'), dockerfileWritten: false } },
      expect.objectContaining({ name: 'gone', paths: expect.objectContaining({ dir: join(dir, 'nowhere') }) }),
    ]);
    expect(stdout).not.toContain('s3cret');
  });
});
