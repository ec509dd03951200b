import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Every directory made here is removed when its test file ends (test/support/cleanup.ts,
// a setup file of both projects), so no helper leaves temporary directories behind.
const created: string[] = [];

/** A new empty temporary directory, removed when the test file ends. */
export function tempDir(prefix = 'sew-ci-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Writes `files` (path -> content) under a new temporary directory and returns it. */
export function writeTree(files: Record<string, string>): string {
  const root = tempDir();
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Removes every directory `tempDir` and `writeTree` made so far. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}
