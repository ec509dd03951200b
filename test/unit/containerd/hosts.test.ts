import { describe, expect, it } from 'vitest';
import { defaultRegistryUrl } from '../../../src/core/config/registries.js';
import { renderHostsFiles } from '../../../src/core/containerd/hosts.js';
import type { MirrorEntry } from '../../../src/core/mirrors/upstreams.js';

const render = (preloadHosts: string[], mirrors: MirrorEntry[], urls: Record<string, string> = {}) =>
  Object.fromEntries(
    renderHostsFiles({ preloadHosts, preloadContainer: 'sew-preload', mirrors, upstreamUrl: (h) => urls[h] ?? defaultRegistryUrl(h) }),
  );

describe('hosts.toml', () => {
  it('preload first, with the host namespace as the path', () => {
    expect(render(['upstream.test:5900'], [], { 'upstream.test:5900': 'http://upstream.test:5900' })).toEqual({
      'upstream.test:5900': [
        'server = "http://upstream.test:5900"',
        '',
        '[host."http://sew-preload:5000/v2/upstream.test_5900"]',
        '  capabilities = ["pull", "resolve"]',
        '  override_path = true',
        '',
      ].join('\n'),
    });
  });

  it('preload, then the local mirror, then the upstream as server', () => {
    expect(render(['docker.io'], [{ host: 'docker.io', endpoints: ['local'], container: 'sew-mirror-docker-io' }])['docker.io']).toBe(
      [
        'server = "https://registry-1.docker.io"',
        '',
        '[host."http://sew-preload:5000/v2/docker.io"]',
        '  capabilities = ["pull", "resolve"]',
        '  override_path = true',
        '',
        '[host."http://sew-mirror-docker-io:5000"]',
        '  capabilities = ["pull", "resolve"]',
        '',
      ].join('\n'),
    );
  });

  it('endpoints in the order written; an endpoint with an API path overrides it', () => {
    const files = render([], [{ host: 'quay.io', endpoints: ['local', 'https://harbor.example.com/v2/proxy', 'https://m.example.com'], container: 'sew-mirror-quay-io' }]);
    expect(files['quay.io']).toBe(
      [
        'server = "https://quay.io"',
        '',
        '[host."http://sew-mirror-quay-io:5000"]',
        '  capabilities = ["pull", "resolve"]',
        '',
        '[host."https://harbor.example.com/v2/proxy"]',
        '  capabilities = ["pull", "resolve"]',
        '  override_path = true',
        '',
        '[host."https://m.example.com"]',
        '  capabilities = ["pull", "resolve"]',
        '',
      ].join('\n'),
    );
  });

  it('a wildcard becomes _default and also serves preloaded hosts without their own entry', () => {
    const files = render(['ghcr.io'], [{ host: '*', endpoints: ['http://cache.example.com:5000'] }]);
    expect(Object.keys(files).sort()).toEqual(['_default', 'ghcr.io']);
    expect(files._default).toBe('[host."http://cache.example.com:5000"]\n  capabilities = ["pull", "resolve"]\n');
    expect(files['ghcr.io']).toContain('[host."http://sew-preload:5000/v2/ghcr.io"]');
    expect(files['ghcr.io']).toContain('[host."http://cache.example.com:5000"]');
  });

  it('nothing preloaded and no mirrors: no files', () => {
    expect(render([], [])).toEqual({});
  });
});
