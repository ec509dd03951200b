// Context files as sew's registry writes them: templates rendered with each file's own
// variables, composed with path-scoped overrides and --set, validated once rendered.
import { describe, expect, it } from 'vitest';
import { compose } from '../../../src/core/config/compose.js';
import type { SourceReader } from '../../../src/core/config/sources.js';
import { InputError } from '../../../src/core/errors.js';
import { planFor } from './plan-helpers.js';

const postgres = [
  'vars:',
  '  imageTag:',
  '    default: "17"',
  '    description: PostgreSQL image tag',
  '  clusterName: pg-standalone',
  'images:',
  '  preload:',
  '    refs: ["postgres:{{ .imageTag }}"]',
  'kind:',
  '  name: "{{ .clusterName }}"',
  '  nodes:',
  '    - role: control-plane',
  '      extraPortMappings: [{containerPort: 30432, hostPort: 30432}]',
  '',
].join('\n');

const apimBase = [
  'abstract: true',
  'vars:',
  '  imageTag: latest',
  'images:',
  '  preload:',
  '    refs: ["graviteeio/apim-gateway:{{ .imageTag }}-debian"]',
  'kind:',
  '  name: gravitee-apim',
  '  nodes:',
  '    - role: control-plane',
  '      extraPortMappings: [{containerPort: 30082, hostPort: 30082}, {containerPort: 30432, hostPort: 31432}]',
  '',
].join('\n');

const files = {
  'project/reg/postgresql/.default': 'standalone\n',
  'project/reg/postgresql/standalone/sew.yaml': postgres,
  'project/reg/apim/base/sew.yaml': apimBase,
  'project/reg/apim/postgres/sew.yaml': [
    'from: [postgresql, apim/base]',
    'vars:',
    '  postgresql:',
    '    standalone:',
    '      imageTag:',
    '        default: "16"',
    '',
  ].join('\n'),
  'project/reg/apim/stack/sew.yaml': 'from: [apim/postgres]\nvars:\n  postgresql:\n    standalone:\n      clusterName: from-stack\n',
};

const refsOf = (plan: { preload: { refs: readonly string[] } }) => plan.preload.refs.map((r) => r.replace('docker.io/', ''));

describe('templated contexts', () => {
  it('render each file with its own defaults, validating the rendered values', async () => {
    const plan = await planFor({ files, options: { from: ['postgresql'], registry: 'file://./reg' } });
    expect(refsOf(plan)).toEqual(['library/postgres:17']);
    expect(plan.cluster.name).toBe('pg-standalone');
  });

  it('a plain --set reaches every context declaring it, and only those', async () => {
    const plan = await planFor({ files, options: { from: ['apim/base', 'postgresql'], registry: 'file://./reg', sets: { imageTag: '4.9.0', clusterName: 'x' } } });
    expect(refsOf(plan)).toEqual(['graviteeio/apim-gateway:4.9.0-debian', 'library/postgres:4.9.0']);
    expect(plan.cluster.name).toBe('x');
  });

  it('a composing context overrides a parent’s variable by its path, over a plain --set', async () => {
    const plan = await planFor({ files, options: { from: ['apim/postgres'], registry: 'file://./reg', sets: { imageTag: '4.9.0' } } });
    expect(refsOf(plan)).toEqual(['library/postgres:16', 'graviteeio/apim-gateway:4.9.0-debian']);
  });

  it('overrides are passed on through every level', async () => {
    const plan = await planFor({ files, options: { from: ['apim/stack'], registry: 'file://./reg' } });
    expect(refsOf(plan)).toEqual(['library/postgres:16', 'graviteeio/apim-gateway:latest-debian']);
    // postgres's name came from the stack's override; apim/base, applied later, wins.
    expect(plan.kindConfig.name).toBe('gravitee-apim');
    expect(plan.variables.find((v) => v.source === 'reg/postgresql/standalone/sew.yaml')?.variables).toEqual([
      { name: 'imageTag', description: 'PostgreSQL image tag', default: '17', value: '16' },
      { name: 'clusterName', default: 'pg-standalone', value: 'from-stack' },
    ]);
  });

  it('a dotted --set names the context by its path after .default, over everything', async () => {
    const plan = await planFor({
      files,
      options: { from: ['apim/postgres'], registry: 'file://./reg', sets: { 'postgresql.standalone.imageTag': '15', 'postgresql.imageTag': '14' } },
    });
    expect(refsOf(plan)).toEqual(['library/postgres:15', 'graviteeio/apim-gateway:latest-debian']);
    // `postgresql` is not the context's path (that is postgresql/standalone, after .default).
    expect(plan.warnings).toEqual(['--set postgresql.imageTag: no composed file declares or reads this variable; did you mean postgresql.standalone.imageTag?']);
  });

  it.each([
    ['a mistyped plain key', { imageTg: '4.9.0' }, ['--set imageTg: no composed file declares or reads this variable; did you mean imageTag?']],
    ['a key nothing is close to', { nothingLikeIt: 'x' }, ['--set nothingLikeIt: no composed file declares or reads this variable']],
    ['a declared plain key', { imageTag: '4.9.0' }, []],
    ['a declared dotted key', { 'postgresql.standalone.imageTag': '15' }, []],
  ])('%s: %j warns %j', async (_, sets, warnings) => {
    const plan = await planFor({ files, options: { from: ['apim/postgres'], registry: 'file://./reg', sets } });
    expect(plan.warnings).toEqual(warnings);
  });

  it('the project file is rendered with its vars and every --set', async () => {
    const plan = await planFor({
      files: { ...files, 'project/sew.yaml': 'registry: file://./reg\nfrom: [postgresql]\nvars:\n  name: mine\nkind:\n  name: "{{ .name }}-{{ .suffix }}"\n' },
      options: { sets: { suffix: 'ci' } },
    });
    expect(plan.cluster.name).toBe('mine-ci');
    // Read by the template, though no file declares it: used, so no warning.
    expect(plan.warnings).toEqual([]);
  });

  it('$SEW_HOME/sew.yaml is rendered with its vars and every --set', async () => {
    const plan = await planFor({ files: { 'home/sew.yaml': 'vars:\n  size: "2"\nimages:\n  preload:\n    refs: ["app:{{ .size }}-{{ .suffix }}"]\n' }, options: { sets: { suffix: 'ci' } } });
    expect(refsOf(plan)).toEqual(['library/app:2-ci']);
  });

  it('a project file’s path-scoped overrides are unused, as in sew, with a warning naming the --set to use', async () => {
    const plan = await planFor({
      files: { ...files, 'project/sew.yaml': 'registry: file://./reg\nfrom: [postgresql]\nvars:\n  postgresql:\n    standalone:\n      imageTag: "15"\n' },
    });
    expect(refsOf(plan)).toEqual(['library/postgres:17']);
    expect(plan.warnings).toEqual([
      "sew.yaml: vars postgresql.standalone.imageTag overrides a context's variable only from a context; here use --set postgresql.standalone.imageTag=15",
    ]);
  });

  it('env reads the environment the plan was given', async () => {
    const plan = await planFor({
      files: { 'project/sew.yaml': 'images:\n  preload:\n    refs: ["{{ env "REG" }}/app:{{ env "TAG" }}"]\n' },
      options: { env: { REG: 'ghcr.io/acme', TAG: '1.2' } },
    });
    expect(plan.preload.refs).toEqual(['ghcr.io/acme/app:1.2']);
  });

  it('flag files are rendered with their vars and every --set', async () => {
    const plan = await planFor({
      files: { ...files, 'project/reg/postgresql/standalone/sew--replica.yaml': 'description: A replica\nimages:\n  preload:\n    refs: ["postgres:{{ .replicaTag }}"]\n' },
      options: { from: ['postgresql'], registry: 'file://./reg', flags: ['replica'], sets: { replicaTag: '16-alpine' } },
    });
    expect(refsOf(plan)).toEqual(['library/postgres:17', 'library/postgres:16-alpine']);
    expect(plan.availableFlags).toEqual([{ name: 'replica', description: 'A replica', file: 'reg/postgresql/standalone/sew--replica.yaml' }]);
  });

  it.each([
    ['a missing variable', 'kind:\n  name: "{{ .nope }}"\n', 'sew.yaml:2'],
    ['a name invalid once rendered', 'vars:\n  n: Not_A_Label\nkind:\n  name: "{{ .n }}"\n', 'sew.yaml:4:9: "kind.name" must be a lowercase DNS label'],
  ])('%s is bad input naming the file and line', async (_, text, where) => {
    const failure = planFor({ files: { 'project/sew.yaml': text } });
    await expect(failure).rejects.toBeInstanceOf(InputError);
    await expect(failure).rejects.toThrow(where);
  });
});

describe('abstract contexts', () => {
  it('are refused when a lone top-level from names one', async () => {
    await expect(planFor({ files, options: { from: ['apim/base'], registry: 'file://./reg' } })).rejects.toThrow('--from: context "apim/base" is abstract');
  });

  it('are fine as the single parent of a concrete context', async () => {
    const plan = await planFor({ files: { ...files, 'project/reg/apim/dbless/sew.yaml': 'from: [apim/base]\n' }, options: { from: ['apim/dbless'], registry: 'file://./reg' } });
    expect(refsOf(plan)).toEqual(['graviteeio/apim-gateway:latest-debian']);
  });
});

describe('kind, merged as sew merges it', () => {
  it('keeps the host ports of every composed context, the later winning per container port', async () => {
    const plan = await planFor({ files, options: { from: ['apim/postgres'], registry: 'file://./reg' } });
    expect(plan.kindConfig.nodes[0]?.extraPortMappings).toEqual([
      { containerPort: 30432, hostPort: 31432 },
      { containerPort: 30082, hostPort: 30082 },
    ]);
  });

  it.each([
    ['the default name "sew" gives way to the context’s', 'sew', 'gravitee-apim'],
    ['any other project name wins', 'mine', 'mine'],
  ])('%s', async (_, name, expected) => {
    const plan = await planFor({ files: { ...files, 'project/sew.yaml': `registry: file://./reg\nfrom: [apim/postgres]\nkind:\n  name: ${name}\n` } });
    expect(plan.cluster.name).toBe(expected);
  });

  it('a project’s nodes replace the contexts’ but keep their host ports on the first', async () => {
    const plan = await planFor({
      files: {
        ...files,
        'project/sew.yaml':
          'registry: file://./reg\nfrom: [postgresql]\nkind:\n  nodes:\n    - role: control-plane\n      extraPortMappings: [{containerPort: 80, hostPort: 8080}]\n    - role: worker\n',
      },
    });
    expect(plan.kindConfig.nodes.map((n) => [n.role, n.extraPortMappings])).toEqual([
      [
        'control-plane',
        [
          { containerPort: 30432, hostPort: 30432 },
          { containerPort: 80, hostPort: 8080 },
        ],
      ],
      ['worker', undefined],
    ]);
  });
});

describe('the default context registry', () => {
  it('is sew’s published registry when from names no registry', async () => {
    const asked: string[] = [];
    const reader: SourceReader = {
      read: async (url) => {
        asked.push(url.href);
        return undefined;
      },
      list: async () => undefined,
      warnings: () => [],
    };
    await expect(compose({ cwd: '/nowhere', sewHome: '/nowhere/home', env: {}, from: ['redis/standalone'] }, reader)).rejects.toThrow(
      'context "redis/standalone" not found: no sew.yaml or .default in https://a-cordier.github.io/sew/redis/standalone/',
    );
    expect(asked).toEqual(['https://a-cordier.github.io/sew/redis/standalone/sew.yaml', 'https://a-cordier.github.io/sew/redis/standalone/.default']);
  });
});
