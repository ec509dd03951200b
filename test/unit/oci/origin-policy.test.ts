import { describe, expect, it } from 'vitest';
import { carriesCredentials, realmRefusal, redirectRefusal } from '../../../src/core/oci/origin-policy.js';

const u = (text: string): URL => new URL(text);

describe('carriesCredentials', () => {
  it.each([
    ['https://registry.example/v2/a/manifests/1', 'https://registry.example', true],
    ['https://registry.example:443/v2/', 'https://registry.example/', true],
    ['https://registry.example:5000/v2/', 'https://registry.example', false],
    ['http://registry.example/v2/', 'https://registry.example', false],
    ['https://storage.example/bucket/blob?sig=x', 'https://registry.example', false],
    ['https://evil.registry.example/v2/', 'https://registry.example', false],
  ])('%s for a registry at %s: %s', (url, registry, expected) => {
    expect(carriesCredentials(u(url), u(registry))).toBe(expected);
  });
});

describe('redirectRefusal', () => {
  it.each([
    ['https://registry.example/v2/a/blobs/x', 'https://storage.example/b?sig=1', undefined],
    ['http://127.0.0.1:5000/v2/a/blobs/x', 'http://127.0.0.1:9000/b', undefined],
    ['http://127.0.0.1:5000/v2/a/blobs/x', 'https://storage.example/b', undefined],
    ['https://registry.example/v2/a/blobs/x', 'http://storage.example/b', 'redirect from https to plain http (storage.example) refused'],
    ['https://registry.example/v2/a/blobs/x', 'http://registry.example/v2/a/blobs/x', 'redirect from https to plain http (registry.example) refused'],
    ['https://registry.example/v2/a/blobs/x', 'file:///etc/passwd', 'redirect to a file: URL refused'],
  ])('%s -> %s', (from, to, expected) => {
    expect(redirectRefusal(u(from), u(to))).toBe(expected);
  });
});

describe('realmRefusal', () => {
  it.each([
    // Docker Hub: the realm is another origin, over https, as the registry named it.
    ['https://auth.docker.io/token', 'https://registry-1.docker.io', undefined],
    ['https://ghcr.io/token', 'https://ghcr.io', undefined],
    ['http://127.0.0.1:9000/token', 'http://127.0.0.1:5000', undefined],
    ['https://auth.example/token', 'http://127.0.0.1:5000', undefined],
    ['http://auth.example/token', 'https://registry.example', 'the token realm auth.example is plain http while the registry is https'],
    ['ftp://auth.example/token', 'https://registry.example', 'the token realm is not HTTP(S)'],
  ])('realm %s for %s', (realm, registry, expected) => {
    expect(realmRefusal(u(realm), u(registry))).toBe(expected);
  });
});
