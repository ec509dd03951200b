// Action inputs: read once, validated, a bad one named.
import { describe, expect, it } from 'vitest';
import { readInputs, upOptionsFromInputs } from '../../../src/action/inputs.js';

const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

describe('action inputs', () => {
  it('defaults', () => {
    const inputs = readInputs(read({}));
    expect(upOptionsFromInputs(inputs, '/w', {})).toEqual({ cwd: '/w', env: {}, flags: [], extraRefs: [], extraUpstreams: [], cluster: true, wait: '60s' });
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
        wait: '5m',
        'sew-home': '/cache/sew',
        'registry-image': 'registry:2.8',
        preload: 'mongo:7\nghcr.io/acme/api:1',
        mirrors: 'ghcr.io quay.io=https://m.example.com',
      }),
    );
    expect(upOptionsFromInputs(inputs, '/w', {})).toEqual({
      cwd: '/w',
      env: {},
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
      cluster: false,
      nodeImage: 'kindest/node:v1.31.0',
      wait: '5m',
    });
  });

  it.each([
    [{ cache: 'maybe' }, 'input cache: must be true or false, not "maybe"'],
    [{ 'skip-preload': 'yes please' }, 'input skip-preload: must be true or false'],
    [{ cluster: '2' }, 'input cluster: must be true or false'],
    [{ 'cluster-name': 'My Cluster' }, 'input cluster-name: must be a lowercase DNS label'],
    [{ 'kind-version': '0.24' }, 'input kind-version: must be a kind release such as v0.24.0'],
    [{ wait: 'forever' }, 'input wait: must be a duration such as 60s or 5m'],
    [{ set: 'imageTag' }, 'input set: "imageTag" must be KEY=VALUE'],
    [{ 'allow-env': 'HOME PATH' }, 'input allow-env: "HOME PATH" is not an environment variable name'],
  ])('%j is refused: %s', (values, message) => {
    expect(() => readInputs(read(values))).toThrow(message);
  });
});
