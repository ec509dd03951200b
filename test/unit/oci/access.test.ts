import { describe, expect, it } from 'vitest';
import { defaultAccess } from '../../../src/core/oci/access.js';

describe('defaultAccess', () => {
  it.each([
    ['docker.io', 'https://registry-1.docker.io'],
    ['ghcr.io', 'https://ghcr.io'],
    ['localhost:5000', 'https://localhost:5000'],
  ])('%s -> %s', (host, url) => {
    expect(defaultAccess(host)).toEqual({ url });
  });
});
