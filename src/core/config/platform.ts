// A platform written in sew.yaml (`images.preload.platforms`, a build's `platform`): the shape,
// then Go's names, so `linux/amd65` is refused where it is written, not when nothing matches it.
import * as z from 'zod';
import { platformProblem } from '../oci/platform.js';

export const platformField = z
  .string()
  .regex(/^[a-z0-9]+\/[a-z0-9_]+(?:\/[a-z0-9]+)?$/, 'must look like os/arch[/variant]')
  .refine((v) => platformProblem(v) === undefined, { error: (issue) => platformProblem(String(issue.input)) });
