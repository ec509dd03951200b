// What composition hands to the merge: each file as a layer, where it came from and whether
// the user wrote it, and values that remember where they were written.
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandHome } from '../paths.js';
import type { ConfigDocument } from './document.js';
import type { VariableReport } from './variables.js';

export type LayerOrigin = 'default' | 'user' | 'context' | 'project' | 'flag';

export interface Layer {
  readonly doc: ConfigDocument;
  readonly origin: LayerOrigin;
  /** The directory of the file, against which paths written in it resolve. */
  readonly dir: URL;
  /** A context's path in its registry, after `.default`. */
  readonly path?: string;
  /** The variables the file declared, with the values it was rendered with. */
  readonly variables: readonly VariableReport[];
  /** Written by the user (trust.ts): may read the environment, name local paths, carry credentials. */
  readonly trusted: boolean;
  /** For a context: the layers its `from` brought (its parents, theirs, ...), which a `replace` in it replaces. */
  readonly ancestors?: ReadonlySet<Layer>;
}

/** A merged value and the place it was written, for messages. */
export interface Located<T> {
  readonly value: T;
  /** file:line:col it was written at. */
  readonly where: string;
}

/** A path as written in a layer whose directory is `dir`: `~`, absolute, or relative to the layer's file (a remote layer's: to `cwd`). */
export function localPath(path: string, dir: URL, env: NodeJS.ProcessEnv, cwd: string): string {
  const expanded = expandHome(path, env);
  if (isAbsolute(expanded)) return expanded;
  const base = dir.protocol === 'file:' ? fileURLToPath(dir) : cwd;
  return resolve(base, path);
}
