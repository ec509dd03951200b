// Which context flags a composition offers: `sew--NAME.yaml` files beside its layers. A local
// directory is listed; an http registry cannot be, so each context publishes the list in its
// `sew.flags.yaml` (`flags: [{name, description, source}]`, none when absent), as sew's site does.
// A manifest may also list the flags a context inherits, each with the `source` context that
// declares it; as in sew, such an entry is taken where that context is, not beside the manifest.
import { isMap } from 'yaml';
import * as z from 'zod';
import { InputError } from '../errors.js';
import type { SourceReader } from './sources.js';
import { readYaml } from './yaml.js';

export interface FlagInfo {
  readonly name: string;
  readonly description?: string;
  readonly file: string;
}

/** A layer's directory and, for a registry context, its path there (what `source` names). */
export interface FlagPlace {
  readonly dir: URL;
  readonly path?: string;
}

export interface FoundFlag {
  readonly info: FlagInfo;
  readonly url: URL;
}

const FLAG_FILE = /^sew--([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

const manifestSchema = z
  .object({
    flags: z
      .array(z.object({ name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a kebab-case flag name'), description: z.string().optional(), source: z.string().optional() }).loose())
      .nullish(),
  })
  .loose();

/** Flags in `dirs`, most derived first: the first definition of a name wins. Sorted by name. */
export async function findFlags(places: readonly FlagPlace[], reader: SourceReader, display: (url: URL) => string): Promise<FoundFlag[]> {
  const byName = new Map<string, FoundFlag>();
  for (const place of places) {
    for (const flag of await flagsIn(place, reader, display)) {
      if (!byName.has(flag.info.name)) byName.set(flag.info.name, flag);
    }
  }
  return [...byName.values()].sort((a, b) => a.info.name.localeCompare(b.info.name));
}

async function flagsIn({ dir, path }: FlagPlace, reader: SourceReader, display: (url: URL) => string): Promise<FoundFlag[]> {
  const entry = (name: string, description: string | undefined): FoundFlag => {
    const url = new URL(`sew--${name}.yaml`, dir);
    return { info: { name, file: display(url), ...(description !== undefined && { description }) }, url };
  };
  const listing = await reader.list(dir);
  if (listing !== undefined) {
    const flags: FoundFlag[] = [];
    for (const file of [...listing].sort()) {
      const name = FLAG_FILE.exec(file)?.[1];
      if (name !== undefined) flags.push(entry(name, descriptionOf((await reader.read(new URL(file, dir))) ?? '')));
    }
    return flags;
  }
  const manifestUrl = new URL('sew.flags.yaml', dir);
  const text = await reader.read(manifestUrl);
  if (text === undefined) return [];
  return (readManifest(display(manifestUrl), text).flags ?? [])
    .filter((f) => f.source === undefined || f.source === path)
    .map((f) => entry(f.name, f.description));
}

/** A flag's description, read without rendering: listing flags must not fail on one that is not used. */
function descriptionOf(text: string): string | undefined {
  try {
    const { doc } = readYaml('', text);
    const description = isMap(doc.contents) ? doc.get('description') : undefined;
    return typeof description === 'string' ? description : undefined;
  } catch {
    return undefined;
  }
}

function readManifest(name: string, text: string): z.infer<typeof manifestSchema> {
  const parsed = manifestSchema.safeParse(readYaml(name, text).toJS() ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new InputError(name, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data;
}
