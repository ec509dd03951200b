// The release downloads the CI templates make (kind, kubectl and their sha256 files), served
// from a directory: `curl -fsSLo DEST URL` copies the file the URL names, or fails as curl -f
// does; `uname -m` answers the architecture under test; `sudo` just runs its command. So the
// templates' install scripts run here, in sh, with no network.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeTree } from './tree.js';

export const kindUrl = (version: string, arch: string) => `github.com/kubernetes-sigs/kind/releases/download/${version}/kind-linux-${arch}`;
export const kubectlUrl = (version: string, arch: string) => `dl.k8s.io/release/${version}/bin/linux/${arch}/kubectl`;

export interface Installed {
  readonly status: number | null;
  readonly stderr: string;
  /** The content of each tool installed in the bin directory, by name. */
  readonly tools: Record<string, string | undefined>;
}

/**
 * Runs `script` (sh -ec, or bash for a file) with kind and kubectl releases of `versions` for
 * amd64 and arm64 on the fake network, `tamper` naming a URL whose file does not match its sum.
 */
export function runInstall(script: { inline: string } | { file: string }, machine: string, versions: { kind: string; kubectl: string }, tamper?: string): Installed {
  const dir = writeTree({});
  const put = (path: string, content: string) => {
    mkdirSync(dirname(join(dir, 'net', path)), { recursive: true });
    writeFileSync(join(dir, 'net', path), content);
  };
  for (const arch of ['amd64', 'arm64']) {
    for (const [url, sumFile] of [
      // kind publishes `<sum>  <file>`, Kubernetes the bare sum.
      [kindUrl(versions.kind, arch), (sum: string) => [`${kindUrl(versions.kind, arch)}.sha256sum`, `${sum}  kind-linux-${arch}\n`]],
      [kubectlUrl(versions.kubectl, arch), (sum: string) => [`${kubectlUrl(versions.kubectl, arch)}.sha256`, sum]],
    ] as const) {
      const content = `${url.includes('kubectl') ? 'kubectl' : 'kind'} ${arch}`;
      put(url, url === tamper ? `${content} with a backdoor` : content);
      put(...(sumFile(createHash('sha256').update(content).digest('hex')) as [string, string]));
    }
  }
  const bin = join(dir, 'fake-bin');
  mkdirSync(bin);
  mkdirSync(join(dir, 'bin'));
  const shims = {
    curl: `#!/bin/sh\nfor a; do dest=$url; url=$a; done\nsrc="${dir}/net/\${url#https://}"\n[ -f "$src" ] || exit 22\ncp "$src" "$dest"\n`,
    uname: `#!/bin/sh\necho ${machine}\n`,
    sudo: '#!/bin/sh\nexec "$@"\n',
  };
  for (const [name, text] of Object.entries(shims)) {
    writeFileSync(join(bin, name), text);
    chmodSync(join(bin, name), 0o755);
  }
  const env = { PATH: `${bin}:${process.env.PATH}`, SEW_CI_BIN: join(dir, 'bin'), KIND_VERSION: versions.kind, KUBECTL_VERSION: versions.kubectl };
  const run = 'inline' in script ? spawnSync('sh', ['-ec', script.inline], { env, encoding: 'utf8' }) : spawnSync('bash', [script.file], { env, encoding: 'utf8' });
  const tool = (name: string) => (existsSync(join(dir, 'bin', name)) ? readFileSync(join(dir, 'bin', name), 'utf8') : undefined);
  return { status: run.status, stderr: run.stderr, tools: { kind: tool('kind'), kubectl: tool('kubectl') } };
}
