// `builds` merged as sew merges them: the last layer with a non-empty list replaces the whole
// list, entries are never merged one by one.
import type { BuildInput } from './builds.js';
import type { Layer } from './layer.js';

export interface DeclaredBuild {
  readonly value: BuildInput;
  /** file:line:col of the entry. */
  readonly where: string;
  /** file:line:col of one of its fields (of the entry when the field is not written). */
  readonly whereField: (field: keyof BuildInput) => string;
  /** The directory of the file that declared it: `dir`, `context` and `dockerfile` are relative to it. */
  readonly dir: URL;
}

/** `layers` are the user's own (project, $SEW_HOME): sew's resolved contexts carry no builds. */
export function mergeBuilds(layers: readonly Layer[]): DeclaredBuild[] {
  const declaring = layers.filter((layer) => (layer.doc.value.builds?.length ?? 0) > 0).at(-1);
  if (declaring === undefined) return [];
  const { doc, dir } = declaring;
  return (doc.value.builds ?? []).map((value, i) => ({
    value,
    where: doc.where(['builds', i]),
    whereField: (field) => doc.where(['builds', i, field]),
    dir,
  }));
}
