// What a registry would serve from a storage directory, checked file by file: the invariant
// a direct write must keep whenever it is killed.

import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PreloadStore } from '../../src/core/storage/preload-store.js';
import { blobProblem, readLink, storedBlobs } from '../../src/core/storage/layout.js';

/** Every problem found, as `path: what`; empty when every file could be served as it is. */
export async function storageProblems(root: string): Promise<string[]> {
  const problems: string[] = [];
  const v2 = join(root, 'docker', 'registry', 'v2');
  for (const digest of await storedBlobs(root)) {
    const hex = digest.slice('sha256:'.length);
    const dir = join(v2, 'blobs', 'sha256', hex.slice(0, 2), hex);
    const entries = readdirSync(dir);
    if (entries.join() !== 'data') problems.push(`${relative(root, dir)}: holds ${entries.join(', ') || 'nothing'}`);
    const problem = await blobProblem(root, digest);
    if (problem !== undefined) problems.push(`${relative(root, dir)}: ${problem}`);
  }
  const store = new PreloadStore(root);
  for (const path of walk(join(v2, 'repositories'))) {
    const name = relative(join(v2, 'repositories'), path);
    if (!name.endsWith('/link')) {
      problems.push(`${name}: not a link`);
      continue;
    }
    const digest = await readLink(path);
    if (digest === undefined) {
      problems.push(`${name}: holds no digest`);
      continue;
    }
    if ((await blobProblem(root, digest)) !== undefined) problems.push(`${name}: points to a missing or damaged blob`);
    // A manifest revision or tag is only ever linked once everything it needs is there.
    const manifest = /^(.+)\/_manifests\/(revisions\/sha256\/[a-f0-9]{64}|tags\/[^/]+\/current)\/link$/.exec(name);
    if (manifest !== null && !(await store.complete(manifest[1]!, digest))) problems.push(`${name}: names an incomplete image`);
  }
  return problems;
}

function walk(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}
