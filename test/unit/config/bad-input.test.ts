// Every bad input is one line naming file:line:col (or the flag/ref at fault).
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/core/errors.js';
import { planFor } from './plan-helpers.js';

const cases: { name: string; sew: string; error: string; options?: object }[] = [
  { name: 'malformed YAML', sew: 'kind:\n  name: [x\n', error: 'sew.yaml:3:1: ' },
  { name: 'a tab-indented YAML', sew: 'kind:\n\tname: x\n', error: 'sew.yaml:2:1: ' },
  { name: 'a duplicate key', sew: 'kind: {}\nkind: {}\n', error: 'sew.yaml:2:1: Map keys must be unique' },
  { name: 'a scalar document', sew: 'just text\n', error: 'sew.yaml:1:1: a sew.yaml must be a mapping' },
  { name: 'a list document', sew: '- a\n- b\n', error: 'sew.yaml:1:1: a sew.yaml must be a mapping' },
  { name: 'refs not a list', sew: 'images:\n  preload:\n    refs: mongo:7\n', error: 'sew.yaml:3:11: "images.preload.refs" must be an array' },
  { name: 'a ref that is a number', sew: 'images:\n  preload:\n    refs: [7]\n', error: 'sew.yaml:3:12: "images.preload.refs.0" must be a string' },
  { name: 'an unknown preload mode', sew: 'images:\n  preload:\n    mode: union\n', error: 'sew.yaml:3:11: "images.preload.mode" must be one of "merge", "replace"' },
  { name: 'an unknown field under images', sew: 'images:\n  prelaod: {}\n', error: 'sew.yaml:2:3: unknown field "prelaod" in "images"' },
  { name: 'an unknown field under preload', sew: 'images:\n  preload:\n    ref: [a]\n', error: 'sew.yaml:3:5: unknown field "ref" in "images.preload"' },
  { name: 'an invalid image reference', sew: 'images:\n  preload:\n    refs:\n      - mongo:7\n      - Mongo:7\n', error: 'sew.yaml:5:9: invalid image reference "Mongo:7": repository must be lowercase' },
  { name: 'an invalid skip reference', sew: 'images:\n  preload:\n    skip: ["a b"]\n', error: 'sew.yaml:3:12: invalid image reference "a b"' },
  { name: 'abstract not a boolean', sew: 'abstract: yes please\n', error: 'sew.yaml:1:11: "abstract" must be a boolean' },
  { name: 'a bad cluster name', sew: 'kind:\n  name: My_Cluster\n', error: 'sew.yaml:2:9: "kind.name" must be a lowercase DNS label' },
  { name: 'a bad registries url', sew: 'images:\n  registries:\n    ghcr.io: {url: "ftp://ghcr.io"}\n', error: 'sew.yaml:3:14: "ftp://ghcr.io" must be an http:// or https:// URL' },
  { name: 'a registries url that is not a url', sew: 'images:\n  registries:\n    ghcr.io: {url: "not a url"}\n', error: '"not a url" is not a valid URL' },
  { name: 'a registries url with credentials', sew: 'images:\n  registries:\n    ghcr.io: {url: "https://me:pw@ghcr.io"}\n', error: 'put credentials in username/password' },
  { name: 'an unset variable in a url', sew: 'images:\n  registries:\n    ghcr.io: {url: "https://${NOPE_HOST}"}\n', error: 'environment variable NOPE_HOST is not set' },
  { name: 'an unknown registries field', sew: 'images:\n  registries:\n    ghcr.io: {token: x}\n', error: 'unknown field "token" in "images.registries.ghcr.io"' },
  { name: 'a bad mirror upstream host', sew: 'images:\n  mirrors:\n    upstreams: ["not a host"]\n', error: 'sew.yaml:3:17: "not a host" is not a registry host' },
  { name: 'a wildcard mirror without endpoints', sew: 'images:\n  mirrors:\n    upstreams: ["*"]\n', error: 'the wildcard "*" needs endpoints' },
  { name: 'a mirror endpoint that is not a url', sew: 'images:\n  mirrors:\n    upstreams: ["quay.io=quay-cache"]\n', error: '"quay-cache" is not a valid URL' },
  { name: 'a duplicate mirror upstream', sew: 'images:\n  mirrors:\n    upstreams: [ghcr.io, ghcr.io]\n', error: 'sew.yaml:3:26: "ghcr.io" is listed twice' },
  { name: 'a bad platform', sew: 'images:\n  preload:\n    platforms: [amd64]\n', error: 'must look like os/arch' },
  { name: 'an unknown architecture', sew: 'images:\n  preload:\n    platforms: [linux/amd65]\n', error: 'sew.yaml:3:17: "images.preload.platforms.0" "linux/amd65": unknown architecture amd65 (known: 386, amd64,' },
];

describe('bad sew.yaml input', () => {
  it.each(cases)('$name', async ({ sew, error }) => {
    const failure = await planFor({ files: { 'project/sew.yaml': sew } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(InputError);
    const message = (failure as Error).message;
    expect(message).toContain(error);
    expect(message).not.toContain('\n');
  });

  it('errors in a context name that context’s file', async () => {
    const failure = await planFor({
      files: { 'project/reg/base/sew.yaml': 'images:\n  preload:\n    refs: ["UPPER:1"]\n', 'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\n' },
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^reg\/base\/sew\.yaml:3:12: invalid image reference/);
  });

  it('errors in a flag file name the flag file', async () => {
    const failure = await planFor({
      files: { 'project/sew--x.yaml': 'images:\n  preload:\n    mode: 3\n', 'project/sew.yaml': 'kind: {}\n' },
      options: { flags: ['x'] },
    }).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/^sew--x\.yaml:3:11: /);
  });
});

describe('warnings', () => {
  it('a misspelled top-level key is carried with a warning naming it', async () => {
    const plan = await planFor({ files: { 'project/sew.yaml': 'imgaes:\n  preload: {}\ncomponents:\n  - name: a\n' } });
    expect(plan.warnings).toEqual(['sew.yaml:1:1: unknown key "imgaes" (did you mean "images"?); carried, not used by sew-ci']);
    expect(plan.carried).toEqual({ imgaes: { preload: {} }, components: [{ name: 'a' }] });
  });

  it('sew fields sew-ci does not act on are carried and merged, named lists by name', async () => {
    const plan = await planFor({
      files: {
        'project/reg/base/sew.yaml': 'components:\n  - {name: es, enabled: true, chart: elastic}\n  - {name: db}\nhelm: {timeout: 5m}\nnotes: base\n',
        'project/sew--no-es.yaml': 'components:\n  - {name: es, enabled: false}\n',
        'project/sew.yaml': 'registry: file://./reg\nfrom: [base]\nfeatures: [a]\nrepos: {x: 1}\n',
      },
      options: { flags: ['no-es'] },
    });
    expect(plan.warnings).toEqual([]);
    expect(plan.carried).toEqual({
      components: [{ name: 'es', enabled: false, chart: 'elastic' }, { name: 'db' }],
      helm: { timeout: '5m' },
      notes: 'base',
      features: ['a'],
      repos: { x: 1 },
    });
  });
});
