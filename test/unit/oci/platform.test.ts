import { describe, expect, it } from 'vitest';
import { formatPlatform, hostPlatform, hostPlatformName, parsePlatform, selectPlatform, type Platform } from '../../../src/core/oci/platform.js';

describe('parsePlatform', () => {
  it.each([
    ['linux/amd64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm64', { os: 'linux', architecture: 'arm64' }],
    ['linux/arm64/v8', { os: 'linux', architecture: 'arm64' }],
    ['linux/aarch64', { os: 'linux', architecture: 'arm64' }],
    ['Linux/x86_64', { os: 'linux', architecture: 'amd64' }],
    ['linux/arm', { os: 'linux', architecture: 'arm', variant: 'v7' }],
    ['linux/arm/v6', { os: 'linux', architecture: 'arm', variant: 'v6' }],
    ['linux/armhf', { os: 'linux', architecture: 'arm', variant: 'v7' }],
  ])('%s', (text, expected) => {
    expect(parsePlatform(text)).toEqual(expected);
  });

  it.each(['linux', 'linux/', 'linux/arm/v7/extra', ''])('refuses %j', (text) => {
    expect(() => parsePlatform(text)).toThrow('is not os/architecture[/variant]');
  });

  it('formats back', () => {
    expect(formatPlatform({ os: 'linux', architecture: 'arm', variant: 'v7' })).toBe('linux/arm/v7');
    expect(formatPlatform({ os: 'linux', architecture: 'amd64' })).toBe('linux/amd64');
  });
});

describe('hostPlatform', () => {
  it.each([
    ['x64', undefined, 'linux/amd64'],
    ['arm64', undefined, 'linux/arm64'],
    ['arm', '6', 'linux/arm/v6'],
    ['arm', undefined, 'linux/arm/v7'],
    ['ia32', undefined, 'linux/386'],
    ['ppc64', undefined, 'linux/ppc64le'],
    ['s390x', undefined, 'linux/s390x'],
    ['riscv64', undefined, 'linux/riscv64'],
    ['loong64', undefined, 'linux/loong64'],
    ['mips', undefined, 'linux/mips'],
    ['mipsel', undefined, 'linux/mipsle'],
    ['arm', 8, 'linux/arm/v8'],
    ['x64', '7', 'linux/amd64'],
  ])('%s (arm_version %s) -> %s', (arch, armVersion, expected) => {
    expect(formatPlatform(hostPlatform(arch, armVersion))).toBe(expected);
  });

  it('names the host in the form options take', () => {
    expect(parsePlatform(hostPlatformName())).toEqual(hostPlatform());
  });
});

describe('selectPlatform', () => {
  const entry = (name: string, platform?: Platform) => ({ name, ...(platform !== undefined && { platform }) });
  const index = [
    entry('attestation', { os: 'unknown', architecture: 'unknown' }),
    entry('amd64', { os: 'linux', architecture: 'amd64' }),
    entry('arm64', { os: 'linux', architecture: 'arm64', variant: 'v8' }),
    entry('armv6', { os: 'linux', architecture: 'arm', variant: 'v6' }),
    entry('armv7', { os: 'linux', architecture: 'arm', variant: 'v7' }),
    entry('windows', { os: 'windows', architecture: 'amd64' }),
    entry('no platform'),
  ];

  it.each([
    ['linux/amd64', 'amd64'],
    ['linux/arm64', 'arm64'],
    ['linux/arm64/v8', 'arm64'],
    ['linux/arm/v7', 'armv7'],
    ['linux/arm/v6', 'armv6'],
    ['linux/arm/v8', 'armv7'],
    ['linux/arm/v5', undefined],
    ['windows/amd64', 'windows'],
    ['linux/s390x', undefined],
  ])('%s -> %s', (wanted, expected) => {
    expect(selectPlatform(index, parsePlatform(wanted))?.name).toBe(expected);
  });

  it('takes an arm64 entry written without a variant', () => {
    expect(selectPlatform([entry('a', { os: 'linux', architecture: 'arm64' })], parsePlatform('linux/arm64/v8'))?.name).toBe('a');
  });

  it('falls back to an older arm variant only when nothing better exists', () => {
    expect(selectPlatform([entry('v5', { os: 'linux', architecture: 'arm', variant: 'v5' })], parsePlatform('linux/arm/v7'))?.name).toBe('v5');
  });
});
