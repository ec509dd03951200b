// Docker stays behind ContainerEngine: dockerode is imported only by its adapter, and the
// registry containers know nothing of containerd's files or the mirrors built on them.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = 'src';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

function imports(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
}

describe('the Docker boundary', () => {
  it.each([
    { rule: 'dockerode only in src/core/docker/', files: (f: string) => !f.startsWith('src/core/docker/'), banned: (i: string) => i === 'dockerode' || i.startsWith('docker-modem') },
    { rule: 'containers/ does not import containerd/ or mirrors/', files: (f: string) => f.startsWith('src/core/containers/'), banned: (i: string) => /(^|\/)(containerd|mirrors)\//.test(i) },
  ])('$rule', ({ files, banned }) => {
    const offenders = sources(SRC)
      .map((f) => relative('.', f))
      .filter(files)
      .flatMap((f) => imports(f).filter(banned).map((i) => `${f} imports ${i}`));
    expect(offenders).toEqual([]);
  });
});
