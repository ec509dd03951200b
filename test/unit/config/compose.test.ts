// sew's composition rules: from chains, registries, .default, abstract, cycles, flags, overrides.
import { describe, expect, it } from 'vitest';
import { planFor } from './plan-helpers.js';

const ctx = (refs: string[], extra = '') => `${extra}images:\n  preload:\n    refs: [${refs.join(', ')}]\n`;

describe('composition', () => {
  it('resolves from entries left to right, the file itself last', async () => {
    const plan = await planFor({
      files: {
        'project/contexts/a/sew.yaml': 'kind:\n  name: from-a\n' + ctx(['a:1']),
        'project/contexts/b/sew.yaml': 'kind:\n  name: from-b\n' + ctx(['b:1']),
        'project/sew.yaml': 'registry: file://./contexts\nfrom: [a, b]\n' + ctx(['own:1']),
      },
    });
    expect(plan.sources).toEqual(['contexts/a/sew.yaml', 'contexts/b/sew.yaml', 'sew.yaml']);
    expect(plan.cluster.name).toBe('from-b');
    expect(plan.preload.refs).toEqual(['docker.io/library/a:1', 'docker.io/library/b:1', 'docker.io/library/own:1']);
  });

  it('follows .default files when a path has no sew.yaml', async () => {
    const plan = await planFor({
      files: {
        'project/reg/stack/.default': 'v2\n',
        'project/reg/stack/v2/.default': 'full',
        'project/reg/stack/v2/full/sew.yaml': ctx(['full:2']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: stack\n',
      },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/full:2']);
    expect(plan.sources[0]).toBe('reg/stack/v2/full/sew.yaml');
  });

  it('composes across registries: a context may name its own registry', async () => {
    const plan = await planFor({
      files: {
        'shared/platform/base/sew.yaml': ctx(['platform:1']),
        'project/reg/team/sew.yaml': 'registry: file://../../../shared/platform\nfrom: [base]\n' + ctx(['team:1']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: [team]\n',
      },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/platform:1', 'docker.io/library/team:1']);
  });

  it('contexts inherit the registry they were found in', async () => {
    const plan = await planFor({
      files: {
        'project/reg/base/sew.yaml': ctx(['base:1']),
        'project/reg/mid/sew.yaml': 'from: [base]\n' + ctx(['mid:1']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: [mid]\n',
      },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/base:1', 'docker.io/library/mid:1']);
  });

  it('--from and --registry replace the project file’s', async () => {
    const plan = await planFor({
      files: {
        'project/reg/x/sew.yaml': ctx(['x:1']),
        'project/other/y/sew.yaml': ctx(['y:1']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: [x]\n' + ctx(['own:1']),
      },
      options: { from: ['y'], registry: 'file://./other' },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/y:1', 'docker.io/library/own:1']);
  });

  it('--from works without any sew.yaml', async () => {
    const plan = await planFor({
      files: { 'project/reg/x/sew.yaml': ctx(['x:1']) },
      options: { from: ['x'], registry: 'file://./reg' },
    });
    expect(plan.embeddedDefault).toBe(false);
    expect(plan.preload.refs).toEqual(['docker.io/library/x:1']);
  });

  it('an abstract context composed with others is fine', async () => {
    const plan = await planFor({
      files: {
        'project/reg/base/sew.yaml': 'abstract: true\n' + ctx(['base:1']),
        'project/reg/flavour/sew.yaml': ctx(['flavour:1']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: [base, flavour]\n',
      },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/base:1', 'docker.io/library/flavour:1']);
  });

  it('an abstract context may build on another abstract one', async () => {
    const plan = await planFor({
      files: {
        'project/reg/root/sew.yaml': 'abstract: true\n' + ctx(['root:1']),
        'project/reg/base/sew.yaml': 'abstract: true\nfrom: [root]\n',
        'project/reg/flavour/sew.yaml': ctx(['flavour:1']),
        'project/sew.yaml': 'registry: file://./reg\nfrom: [base, flavour]\n',
      },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/root:1', 'docker.io/library/flavour:1']);
  });
});

describe('context flags', () => {
  const files = {
    'project/reg/base/sew.yaml': ctx(['mongo:7', 'elasticsearch:8']),
    'project/reg/base/sew--no-es.yaml': 'description: Disable Elasticsearch\nimages:\n  preload:\n    skip: [elasticsearch:8]\n',
    'project/reg/base/sew--big.yaml': 'description: Three workers\nkind:\n  nodes: [{role: control-plane}, {role: worker}, {role: worker}]\n',
    'project/reg/app/sew.yaml': 'from: [base]\n' + ctx(['app:1']),
    'project/reg/app/sew--no-es.yaml': 'description: app override\nimages:\n  preload:\n    skip: [elasticsearch:8, app:1]\n',
    'project/sew.yaml': 'registry: file://./reg\nfrom: [app]\n',
  };

  it('are inherited through composition and listed', async () => {
    const plan = await planFor({ files, options: { flags: ['big'] } });
    expect(plan.flags).toEqual(['big']);
    expect(plan.availableFlags.map((f) => f.name)).toEqual(['big', 'no-es']);
    // As in sew, a flag's nodes do not reach the cluster: the user's own config decides them.
    expect(plan.kindConfig.nodes.map((n) => n.role)).toEqual(['control-plane']);
  });

  it('the nearest definition of a flag wins', async () => {
    const plan = await planFor({ files, options: { flags: ['no-es'] } });
    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7']);
    expect(plan.availableFlags.find((f) => f.name === 'no-es')?.description).toBe('app override');
  });

  it('apply after every layer, whatever the project file says', async () => {
    const plan = await planFor({
      files: { ...files, 'project/sew.yaml': 'registry: file://./reg\nfrom: [app]\n' + ctx(['elasticsearch:8']) },
      options: { flags: ['no-es'] },
    });
    expect(plan.preload.refs).toEqual(['docker.io/library/mongo:7']);
  });

  it('an unknown flag is refused with the available list', async () => {
    await expect(planFor({ files, options: { flags: ['no-kafka'] } })).rejects.toThrow(
      '--no-kafka: unknown context flag; available: --big, --no-es',
    );
  });

  it('an unknown flag with none defined says so', async () => {
    await expect(planFor({ files: { 'project/sew.yaml': 'kind: {name: x}\n' }, options: { flags: ['x'] } })).rejects.toThrow(
      '--x: unknown context flag; no context flags are defined',
    );
  });
});

describe('refused compositions', () => {
  it.each<{ name: string; files: Record<string, string>; error: string }>([
    {
      name: 'a lone abstract from',
      files: { 'project/reg/base/sew.yaml': 'abstract: true\n', 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' },
      error: 'sew.yaml:2:8: context "base" is abstract',
    },
    {
      name: 'a cycle, named',
      files: {
        'project/reg/a/sew.yaml': 'from: [b]\n',
        'project/reg/b/sew.yaml': 'from: [a]\n',
        'project/sew.yaml': 'registry: file://./reg\nfrom: [a]\n',
      },
      error: 'reg/b/sew.yaml:1:8: composition cycle: reg/a/sew.yaml -> reg/b/sew.yaml -> reg/a/sew.yaml',
    },
    {
      name: 'a context that composes itself',
      files: { 'project/reg/a/sew.yaml': 'from: [a]\n', 'project/sew.yaml': 'registry: file://./reg\nfrom: [a]\n' },
      error: 'composition cycle: reg/a/sew.yaml -> reg/a/sew.yaml',
    },
    {
      name: 'a .default loop',
      files: {
        'project/reg/a/.default': '../b',
        'project/reg/b/.default': '../a',
        'project/sew.yaml': 'registry: file://./reg\nfrom: [a]\n',
      },
      error: '.default files loop',
    },
    {
      name: 'a from path escaping the registry root',
      files: { 'project/secret/sew.yaml': '', 'project/sew.yaml': 'registry: file://./reg\nfrom: [../secret]\n' },
      error: 'sew.yaml:2:8: context "../secret" escapes its registry root',
    },
    {
      name: 'a .default escaping the registry root',
      files: { 'project/reg/a/.default': '../../../etc', 'project/sew.yaml': 'registry: file://./reg\nfrom: [a]\n' },
      error: 'reg/a/.default: context "a/../../../etc" escapes its registry root',
    },
    {
      name: 'an absolute from path',
      files: { 'project/sew.yaml': 'from: [/etc]\n' },
      error: 'must be a path inside the registry',
    },
    {
      name: 'a missing context',
      files: { 'project/sew.yaml': 'registry: file://./reg\nfrom: [nope]\n' },
      error: 'sew.yaml:2:8: context "nope" not found',
    },
    {
      name: 'an unsupported registry scheme',
      files: { 'project/sew.yaml': 'registry: ftp://x\nfrom: [a]\n' },
      error: 'sew.yaml:1:11: unsupported registry scheme',
    },
    {
      name: 'a registry url with credentials',
      files: { 'project/sew.yaml': 'registry: https://u:p@reg.example.com\nfrom: [a]\n' },
      error: 'must not carry credentials',
    },
  ])('$name', async ({ files, error }) => {
    await expect(planFor({ files })).rejects.toThrow(error);
  });

  it('--config naming a missing file', async () => {
    await expect(planFor({ files: {}, options: { config: 'nope.yaml' } })).rejects.toThrow('--config: nope.yaml does not exist');
  });
});
