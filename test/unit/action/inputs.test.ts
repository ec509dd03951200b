// Action inputs: read once, checked by the options table the CLI uses, a bad one named with
// the CLI's message.
import { describe, expect, it } from 'vitest';
import { readInputs } from '../../../src/action/inputs.js';
import { cliName, inputWhere, type OptionName } from '../../../src/core/options/options.js';
import { planOptionsOf } from '../../../src/core/options/run-options.js';
import { cli } from '../../support/cli.js';
import { resolvePlan } from '../../support/resolve-plan.js';
import { writeTree } from '../../support/tree.js';

const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('action inputs', () => {
  it('defaults', () => {
    const inputs = readInputs(read({}));
    const words = { preload: 'input preload', mirrors: 'input mirrors', set: 'input set', build: 'input build', flags: 'input flags' };
    expect(planOptionsOf(inputs, '/w', {}, inputWhere)).toEqual({ cwd: '/w', env: {}, where: words, flags: [], cluster: true, wait: '60s' });
    expect(inputs.save).toBe('always');
    expect(inputs.cache).toBe(true);
  });

  it('maps every input to the run', () => {
    const inputs = readInputs(
      read({
        config: 'ci/sew.yaml',
        from: 'k8s/base\n# a comment\nacme/ci\n',
        registry: 'https://contexts.example.com',
        flags: '--no-es, big\nsmall',
        set: 'imageTag=4.9.0\n# a comment\npostgresql.standalone.imageTag=16\n',
        'allow-env': 'LICENSE_DIR\nCI_REGION\n',
        'skip-preload': 'true',
        cluster: 'false',
        'cluster-name': 'ci',
        'node-image': 'kindest/node:v1.31.0',
        wait: '1m30s',
        'sew-home': '/cache/sew',
        'registry-image': 'registry:2.8',
        preload: 'mongo:7\nghcr.io/acme/api:1',
        mirrors: 'ghcr.io quay.io=https://m.example.com',
        build: 'true',
      }),
    );
    expect(planOptionsOf(inputs, '/w', {}, inputWhere)).toEqual({
      cwd: '/w',
      env: {},
      where: { preload: 'input preload', mirrors: 'input mirrors', set: 'input set', build: 'input build', flags: 'input flags' },
      config: 'ci/sew.yaml',
      from: ['k8s/base', 'acme/ci'],
      registry: 'https://contexts.example.com',
      flags: ['no-es', 'big', 'small'],
      sets: { imageTag: '4.9.0', 'postgresql.standalone.imageTag': '16' },
      allowEnv: ['LICENSE_DIR', 'CI_REGION'],
      skipPreload: true,
      sewHome: '/cache/sew',
      registryImage: 'registry:2.8',
      clusterName: 'ci',
      extraRefs: ['mongo:7', 'ghcr.io/acme/api:1'],
      extraUpstreams: ['ghcr.io', 'quay.io=https://m.example.com'],
      build: true,
      cluster: false,
      nodeImage: 'kindest/node:v1.31.0',
      wait: '1m30s',
      switches: ['skip-preload', 'no-cluster', 'build'],
    });
  });

  it('expands a leading ~ in sew-home, as the plan sees it', async () => {
    const { resolvePlan } = await import('../../support/resolve-plan.js');
    const { writeTree } = await import('../../support/tree.js');
    const dir = writeTree({});
    const options = planOptionsOf(readInputs(read({ 'sew-home': '~/ci-sew' })), dir, { HOME: '/home/runner' }, inputWhere);
    const plan = await resolvePlan(options);
    expect(plan.sewHome).toBe('/home/runner/ci-sew');
    expect(plan.preload.data).toBe('/home/runner/ci-sew/preload');
  });

  it.each([
    [{ cache: 'maybe' }, 'input cache: must be true or false, not "maybe"'],
    [{ 'skip-preload': 'yes please' }, 'input skip-preload: must be true or false'],
    [{ cluster: '2' }, 'input cluster: must be true or false'],
    [{ build: 'always' }, 'input build: must be true or false'],
    [{ 'cluster-name': 'My Cluster' }, 'input cluster-name: must be a lowercase DNS label'],
    [{ 'kind-version': '0.24' }, 'input kind-version: must be a kind release such as v0.24.0'],
    [{ wait: 'forever' }, 'input wait: must be a duration such as 60s, 5m or 1m30s'],
    [{ wait: '10' }, 'input wait: must be a duration'],
    [{ wait: '1m30' }, 'input wait: must be a duration'],
    [{ wait: '-5s' }, 'input wait: must be a duration'],
    [{ save: 'sometimes' }, 'input save: must be always, default-branch, never, not "sometimes"'],
    [{ flags: 'no-es Big' }, 'input flags: must be a flag name (a-z, 0-9, -), not "Big"'],
    [{ set: 'imageTag' }, 'input set: must be KEY=VALUE (KEY a variable name, or context.path.name), not "imageTag"'],
    [{ 'allow-env': 'HOME PATH' }, 'input allow-env: must be an environment variable name, not "HOME PATH"'],
    [{ 'node-image': 'x y' }, 'input node-image: invalid image reference "x y": contains whitespace'],
  ])('%j is refused: %s', (values, message) => {
    expect(() => readInputs(read(values))).toThrow(message);
  });
});

describe('the same message from the CLI and the action', () => {
  it.each<[OptionName, string, string]>([
    ['wait', '10', 'up'],
    ['wait', '1m30', 'up'],
    ['cluster-name', 'My_Cluster', 'plan'],
    ['flags', 'Bad_Flag', 'plan'],
  ])('%s %j', async (name, value, command) => {
    const action = (() => {
      try {
        readInputs(read({ [name]: value }));
      } catch (err) {
        return (err as Error).message;
      }
    })();
    const { stderr, code } = await cli([command, `--${cliName(name)}`, value], writeTree({}));
    expect(code).toBe(2);
    expect(action).toMatch(new RegExp(`^input ${name}: `));
    expect(stderr).toBe(`sew-ci: ${action!.replace(`input ${name}`, `--${cliName(name)}`)}\n`);
  });
});

describe('each surface names its own option in a plan’s refusal', () => {
  it.each([
    ['preload', 'Bad Ref', '--preload', 'invalid image reference "Bad Ref"'],
    ['mirrors', 'bad_host!', '--mirror', '"bad_host!" is not a registry host'],
    ['flags', 'nope', '--flag', 'unknown context flag'],
  ])('%s %j', async (name, value, cliFlag, problem) => {
    const { resolvePlan } = await import('../../support/resolve-plan.js');
    const dir = writeTree({ 'sew.yaml': '' });
    const action = await resolvePlan(planOptionsOf(readInputs(read({ [name]: value })), dir, { HOME: dir }, inputWhere)).catch((err: Error) => err.message);
    const { stderr, code } = await cli(['plan', cliFlag, value], dir, { HOME: dir });
    expect(code).toBe(2);
    expect(action).toContain(`input ${name}: `);
    expect(action).toContain(problem);
    expect(stderr).not.toContain('input ');
    expect(stderr).toContain(problem);
  });

  it('the command line names an unknown flag as typed, the action under its input', async () => {
    const { resolvePlan } = await import('../../support/resolve-plan.js');
    const dir = writeTree({ 'sew.yaml': '' });
    const action = await resolvePlan(planOptionsOf(readInputs(read({ flags: 'no-es' })), dir, { HOME: dir }, inputWhere)).catch((err: Error) => err.message);
    expect(action).toBe('input flags: unknown context flag no-es; no context flags are defined');
    expect((await cli(['plan', '--flag', 'no-es'], dir, { HOME: dir })).stderr).toBe('sew-ci: --no-es: unknown context flag; no context flags are defined\n');
  });

  it.each([
    { surface: 'the action', where: inputWhere, set: 'input set FOO', build: 'input build' },
    { surface: 'the command line', where: undefined, set: '--set FOO', build: '--build' },
  ])('warnings about --set and --build name them in the words of $surface', async ({ where, set, build }) => {
    const project = writeTree({ 'sew.yaml': 'kind:\n  name: k\n' });
    const inputs = readInputs(read({ set: 'FOO=1', build: 'true' }));
    const options = where === undefined ? { cwd: project, env: { HOME: project }, sets: { FOO: '1' }, build: true } : planOptionsOf(inputs, project, { HOME: project }, where);
    const plan = await resolvePlan({ ...options, sewHome: `${project}/h` });
    expect(plan.warnings.find((w) => w.includes('no composed file declares'))).toMatch(new RegExp(`^${set}: `));
    expect(plan.warnings.find((w) => w.includes('no builds are declared'))).toMatch(new RegExp(`^${build}: `));
  });
});
