// sew's `builds`: images built locally (pre commands, then `docker build`) and put into the
// preload registry. Merged as sew merges them: the last layer with a non-empty list
// replaces the whole list, entries are never merged one by one.
import * as z from 'zod';
import type { Layer } from './compose.js';

const nonEmpty = z.string().min(1, 'must not be empty');

const buildSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][\w.-]*$/, 'must be a word (letters, digits, ., _, -)'),
    image: nonEmpty,
    /** Where `pre` runs and what `context` and `dockerfile` are relative to; default: the file's directory. */
    dir: nonEmpty.optional(),
    pre: z.array(nonEmpty).optional(),
    context: nonEmpty.optional(),
    dockerfile: nonEmpty.optional(),
    /** sew-ci extension: `--build-arg` values, `${VAR}` expanded from the environment when the build runs. */
    buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a variable name'), z.string()).optional(),
    /** sew-ci extension: `docker build --platform`. */
    platform: z.string().regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, 'must look like os/arch[/variant]').optional(),
  })
  .strict();

export const buildsSchema = z.array(buildSchema).superRefine((builds, ctx) => {
  const seen = new Set<string>();
  for (const [i, build] of builds.entries()) {
    if (seen.has(build.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `is "${build.name}", already the name of another build` });
    seen.add(build.name);
  }
});

export type BuildInput = z.infer<typeof buildSchema>;

export interface DeclaredBuild {
  readonly value: BuildInput;
  /** file:line:col of the entry. */
  readonly where: string;
  /** file:line:col of one of its fields (of the entry when the field is not written). */
  readonly whereField: (field: keyof BuildInput) => string;
  /** The file that declared it, and whether it is the user's own (project or $SEW_HOME). */
  readonly layer: Pick<Layer, 'origin' | 'dir'> & { readonly name: string };
}

export function mergeBuilds(layers: readonly Layer[]): DeclaredBuild[] {
  const declaring = layers.filter((layer) => (layer.doc.value.builds?.length ?? 0) > 0).at(-1);
  if (declaring === undefined) return [];
  const { doc, origin, dir } = declaring;
  return doc.value.builds!.map((value, i) => ({
    value,
    where: doc.where(['builds', i]),
    whereField: (field) => doc.where(['builds', i, field]),
    layer: { origin, dir, name: doc.name },
  }));
}
