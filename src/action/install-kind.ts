// Installs a pinned kind release with @actions/tool-cache, verified against the sha256
// published beside the binary, and puts it on the PATH.
import { createHash } from 'node:crypto';
import { chmod, readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import * as tc from '@actions/tool-cache';
import { RuntimeError } from '../core/errors.js';

const ARCH: Record<string, string> = { x64: 'amd64', arm64: 'arm64' };

export async function installKind(version: string): Promise<void> {
  const arch = ARCH[process.arch];
  if (process.platform !== 'linux' || !arch) throw new RuntimeError(`kind ${version}: no release for ${process.platform}/${process.arch}`);
  const cached = tc.find('kind', version, arch);
  if (cached) {
    core.addPath(cached);
    core.info(`kind ${version} from the tool cache`);
    return;
  }
  const url = `https://github.com/kubernetes-sigs/kind/releases/download/${version}/kind-linux-${arch}`;
  const binary = await tc.downloadTool(url);
  const expected = (await readFile(await tc.downloadTool(`${url}.sha256sum`), 'utf8')).trim().split(/\s+/)[0];
  const actual = createHash('sha256').update(await readFile(binary)).digest('hex');
  if (!expected || actual !== expected) throw new RuntimeError(`kind ${version}: checksum mismatch (expected ${expected ?? 'none'}, got ${actual})`);
  await chmod(binary, 0o755);
  core.addPath(await tc.cacheFile(binary, 'kind', 'kind', version, arch));
  core.info(`kind ${version} installed (sha256 ${actual})`);
}
