// The one syntax of a registry host, and the three places that read one agreeing on it.
import { describe, expect, it } from 'vitest';
import { mirrorContainerName } from '../../../src/core/home/names.js';
import { parseReference } from '../../../src/core/images/reference.js';
import { hostPortProblem, isRegistryHost } from '../../../src/core/input/checks.js';
import { parseExternal } from '../../../src/core/local/local-registry.js';
import { parseUpstreams } from '../../../src/core/mirrors/upstreams.js';

const HOSTS: [string, boolean][] = [
  ['docker.io', true],
  ['ghcr.io', true],
  ['localhost', true],
  ['localhost:5000', true],
  ['127.0.0.1:5001', true],
  ['registry-1.docker.io', true],
  ['Upstream.Test:5900', true],
  ['a', true],
  ['[::1]', true],
  ['[::1]:5000', true],
  ['[fe80::1ff:fe23:4567:890a]:443', true],
  ['', false],
  ['-leading.io', false],
  ['trailing-.io', false],
  ['double..dot', false],
  ['.io', false],
  ['io.', false],
  ['under_score.io', false],
  ['host:', false],
  ['host:port', false],
  ['host:50:00', false],
  ['::1', false],
  ['[::1', false],
  ['[::g]', false],
  ['host/path', false],
  ['user@host', false],
  ['*', false],
];

describe('isRegistryHost', () => {
  it.each(HOSTS)('%j -> %s', (host, valid) => {
    expect(isRegistryHost(host)).toBe(valid);
  });

  it.each([
    ['localhost:5000', undefined],
    ['[::1]:65535', undefined],
    ['[::1]', undefined],
    ['localhost:0', 'port 0 out of range (1-65535)'],
    ['localhost:65536', 'port 65536 out of range (1-65535)'],
  ])('port of %s', (host, problem) => {
    expect(hostPortProblem(host)).toBe(problem);
  });
});

describe('every reader of a host agrees', () => {
  const lowercase = HOSTS.filter(([host]) => host !== '' && host !== '*' && !host.includes('/') && !host.includes('@'));

  it.each(lowercase)('%j (valid: %s)', (host, valid) => {
    const accepts = (read: () => unknown) => {
      try {
        read();
        return true;
      } catch {
        return false;
      }
    };
    const lower = host.toLowerCase();
    expect(accepts(() => parseReference(`${host}/team/app:1`))).toBe(valid);
    expect(accepts(() => parseUpstreams([{ value: lower, where: 'mirrors' }]))).toBe(valid);
    expect(accepts(() => parseExternal(`${lower}/team`, 'local.external'))).toBe(valid);
  });

  it('names an IPv6 upstream\'s mirror container with what Docker accepts', () => {
    const name = mirrorContainerName('[::1]:5000', { id: 'x', isDefault: true });
    expect(name).toMatch(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/);
    expect(name).not.toBe(mirrorContainerName('[::2]:5000', { id: 'x', isDefault: true }));
  });
});
