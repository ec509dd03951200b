// What a test file creates (temporary trees, servers), undone after each test.
import { rmSync } from 'node:fs';
import { afterEach } from 'vitest';
import { writeTree } from './tree.js';

export interface Disposables {
  /** `writeTree`, removed after the test. */
  tree(files: Record<string, string>): string;
  /** Runs `undo` after the test. */
  add(undo: () => Promise<void> | void): void;
}

/** Call at the top of a test file. */
export function disposables(): Disposables {
  const undos: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const undo of undos.splice(0)) await undo();
  });
  return {
    tree(files) {
      const root = writeTree(files);
      undos.push(() => rmSync(root, { recursive: true, force: true }));
      return root;
    },
    add: (undo) => void undos.push(undo),
  };
}
