// sew's `builds`: images built locally (pre commands, then `docker build`) and put into the
// preload registry. The schema of one entry and of the list; merge-builds.ts merges them.
import * as z from 'zod';
import { platformField } from './platform.js';

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
    platform: platformField.optional(),
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
