import { describe, expect, it } from 'vitest';
import { publishing } from '../../../src/core/home/names.js';

describe('where registries are published', () => {
  it.each([
    [{}, { address: '127.0.0.1', host: '127.0.0.1' }],
    [{ SEW_PUBLISH_ADDRESS: '', SEW_REGISTRY_HOST: '' }, { address: '127.0.0.1', host: '127.0.0.1' }],
    [{ SEW_PUBLISH_ADDRESS: '0.0.0.0', SEW_REGISTRY_HOST: 'docker' }, { address: '0.0.0.0', host: 'docker' }],
  ])('%j -> %j', (env, expected) => {
    expect(publishing(env)).toEqual(expected);
  });
});
