// Platform names and matching as containerd does them, since containerd on the Kind node is
// what will pull from the preload registry: normalised spellings, arm64 "v8" equal to no
// variant, and an arm/v7 host accepting v6 and v5 images when nothing better exists.

import { InputError } from '../errors.js';

export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

const ARCH_ALIASES: Record<string, Platform['architecture']> = {
  x86_64: 'amd64',
  'x86-64': 'amd64',
  aarch64: 'arm64',
  i386: '386',
  armhf: 'arm',
  armel: 'arm',
};

function normalisePlatform(platform: Platform): Platform {
  const os = platform.os.toLowerCase();
  const raw = platform.architecture.toLowerCase();
  const architecture = ARCH_ALIASES[raw] ?? raw;
  let variant = platform.variant?.toLowerCase() || undefined;
  if (raw === 'armhf') variant ??= 'v7';
  if (raw === 'armel') variant ??= 'v6';
  if (architecture === 'arm64' && variant === 'v8') variant = undefined;
  if (architecture === 'amd64' && variant === 'v1') variant = undefined;
  if (architecture === 'arm') variant ??= 'v7';
  return { os, architecture, ...(variant !== undefined && { variant }) };
}

/** Go's GOOS and GOARCH names: what image indexes say, so a platform outside them matches no image. */
const OPERATING_SYSTEMS = ['aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'illumos', 'ios', 'js', 'linux', 'netbsd', 'openbsd', 'plan9', 'solaris', 'wasip1', 'windows'];
const ARCHITECTURES = ['386', 'amd64', 'arm', 'arm64', 'loong64', 'mips', 'mipsle', 'mips64', 'mips64le', 'ppc64', 'ppc64le', 'riscv64', 's390x', 'wasm'];

/** What is wrong with a platform's spelling (`linux/amd65`), undefined when nothing is. */
export function platformProblem(text: string): string | undefined {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((part) => part === '')) return `"${text}" is not os/architecture[/variant]`;
  const { os, architecture } = normalisePlatform({ os: parts[0]!, architecture: parts[1]! });
  if (!OPERATING_SYSTEMS.includes(os)) return `"${text}": unknown operating system ${os} (known: ${OPERATING_SYSTEMS.join(', ')})`;
  if (!ARCHITECTURES.includes(architecture)) return `"${text}": unknown architecture ${parts[1]} (known: ${ARCHITECTURES.join(', ')})`;
  return undefined;
}

/** `linux/arm64`, `linux/arm/v7`. */
export function parsePlatform(text: string): Platform {
  const problem = platformProblem(text);
  if (problem !== undefined) throw new InputError('platforms', problem);
  const [os, architecture, variant] = text.trim().split('/') as [string, string, string | undefined];
  return normalisePlatform({ os, architecture, ...(variant !== undefined && { variant }) });
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter((part) => part !== undefined).join('/');
}

/**
 * Node's `process.arch` names as OCI (Go) architectures. Node reports `ppc64` for the
 * little-endian build, the only one it ships for Linux; `mipsel` is Go's `mipsle`.
 */
const NODE_ARCHITECTURES: Record<string, Platform['architecture']> = {
  x64: 'amd64',
  ia32: '386',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
  mips64el: 'mips64le',
};

/** Kind nodes are Linux whatever the host OS; only the CPU architecture comes from the host. */
export function hostPlatform(arch: string = process.arch, armVersion: unknown = (process.config.variables as Record<string, unknown>)['arm_version']): Platform {
  const architecture = NODE_ARCHITECTURES[arch] ?? arch;
  if (architecture !== 'arm') return { os: 'linux', architecture };
  const version = typeof armVersion === 'string' || typeof armVersion === 'number' ? String(armVersion) : '7';
  return { os: 'linux', architecture, variant: `v${version}` };
}

/** The host platform as `os/architecture[/variant]`, the form options and cache keys carry. */
export function hostPlatformName(): string {
  return formatPlatform(hostPlatform());
}

/**
 * The best entry of an index for `wanted`, or undefined. Entries without a platform
 * (attestations, or `unknown/unknown`) never match.
 */
export function selectPlatform<T extends { readonly platform?: Platform }>(entries: readonly T[], wanted: Platform): T | undefined {
  const target = normalisePlatform(wanted);
  for (const variant of acceptableVariants(target)) {
    const found = entries.find((entry) => {
      if (entry.platform === undefined) return false;
      const candidate = normalisePlatform(entry.platform);
      return candidate.os === target.os && candidate.architecture === target.architecture && candidate.variant === variant;
    });
    if (found !== undefined) return found;
  }
  return undefined;
}

function acceptableVariants(platform: Platform): (string | undefined)[] {
  if (platform.architecture !== 'arm') return [platform.variant];
  const level = Number(platform.variant?.slice(1) ?? 7);
  const variants: string[] = [];
  for (let v = level; v >= 5; v--) variants.push(`v${v}`);
  return variants;
}
