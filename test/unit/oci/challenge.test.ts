import { describe, expect, it } from 'vitest';
import { parseChallenges } from '../../../src/core/oci/challenge.js';

describe('parseChallenges', () => {
  it.each([
    [
      'Docker Hub bearer',
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"',
      [{ scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull' } }],
    ],
    [
      'comma inside a quoted scope',
      'Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="repository:x/app:pull,push"',
      [{ scheme: 'bearer', params: { realm: 'https://ghcr.io/token', service: 'ghcr.io', scope: 'repository:x/app:pull,push' } }],
    ],
    ['basic with a realm', 'Basic realm="Registry Realm"', [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]],
    ['scheme case and spacing', 'BASIC   Realm = "x" ,  charset="UTF-8"', [{ scheme: 'basic', params: { realm: 'x', charset: 'UTF-8' } }]],
    ['unquoted values', 'Bearer realm=https://t.example/token,service=reg', [{ scheme: 'bearer', params: { realm: 'https://t.example/token', service: 'reg' } }]],
    ['escaped quote', 'Basic realm="say \\"hi\\""', [{ scheme: 'basic', params: { realm: 'say "hi"' } }]],
    [
      'two challenges in one header',
      'Basic realm="r1", Bearer realm="https://a/token",service="s",error="insufficient_scope"',
      [
        { scheme: 'basic', params: { realm: 'r1' } },
        { scheme: 'bearer', params: { realm: 'https://a/token', service: 's', error: 'insufficient_scope' } },
      ],
    ],
    ['token68 then another challenge', 'Negotiate abc123==, Basic realm="r"', [{ scheme: 'negotiate', params: {} }, { scheme: 'basic', params: { realm: 'r' } }]],
    ['bare scheme', 'Basic', [{ scheme: 'basic', params: {} }]],
    ['empty header', '', []],
  ])('%s', (_name, header, expected) => {
    expect(parseChallenges(header)).toEqual(expected);
  });
});
