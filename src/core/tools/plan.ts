// The kind and kubectl releases a job installs, planned: where each is downloaded from (an
// environment variable each points the download elsewhere: tests, air-gapped runners), where
// it is kept under $SEW_HOME, and the cache entry of its own, keyed by name, version and arch.
import { join } from 'node:path';
import { RuntimeError } from '../errors.js';

export type ToolName = 'kind' | 'kubectl';

export interface ToolRequest {
  readonly name: ToolName;
  /** A release, `v0.24.0`. */
  readonly version: string;
}

export interface ToolPlan extends ToolRequest {
  readonly arch: 'amd64' | 'arm64';
  /** `$SEW_HOME/tools/<name>/<version>/<arch>`: the directory put on the PATH. */
  readonly dir: string;
  readonly binary: string;
  readonly url: string;
  /** The sha256 published beside the binary: the first word of that file. */
  readonly checksumUrl: string;
  readonly cacheKey: string;
}

const DOWNLOADS: Record<ToolName, { readonly env: string; readonly base: string; readonly path: (version: string, arch: string) => string; readonly checksum: string }> = {
  kind: { env: 'SEW_KIND_DOWNLOAD_URL', base: 'https://github.com/kubernetes-sigs/kind/releases/download', path: (v, a) => `${v}/kind-linux-${a}`, checksum: '.sha256sum' },
  kubectl: { env: 'SEW_KUBECTL_DOWNLOAD_URL', base: 'https://dl.k8s.io/release', path: (v, a) => `${v}/bin/linux/${a}/kubectl`, checksum: '.sha256' },
};

const ARCH: Readonly<Record<string, 'amd64' | 'arm64'>> = { x64: 'amd64', arm64: 'arm64' };

/** Bump when the layout of a tool's directory changes. */
const TOOLS_FORMAT = 1;

export function planTools(requests: readonly ToolRequest[], home: string, env: NodeJS.ProcessEnv, platform: { os: string; arch: string } = { os: process.platform, arch: process.arch }): ToolPlan[] {
  return requests.map(({ name, version }) => {
    const arch = ARCH[platform.arch];
    if (platform.os !== 'linux' || arch === undefined) throw new RuntimeError(`${name} ${version}: no release for ${platform.os}/${platform.arch}`);
    const download = DOWNLOADS[name];
    const url = `${(env[download.env] || download.base).replace(/\/+$/, '')}/${download.path(version, arch)}`;
    const dir = join(home, 'tools', name, version, arch);
    return { name, version, arch, dir, binary: join(dir, name), url, checksumUrl: `${url}${download.checksum}`, cacheKey: `sew-tool-v${TOOLS_FORMAT}-${name}-${version}-${arch}` };
  });
}

/** Where the sha256 the binary was checked against is kept beside it. */
export function checksumFile(binary: string): string {
  return `${binary}.sha256`;
}
