// The whole sew.yaml format, as it reads once rendered. sew-ci acts on `registry`, `from`,
// `abstract`, `vars`, `kind`, `images` and `builds`; every other sew field is parsed and carried so a sew.yaml never breaks here.
import * as z from 'zod';
import { CLUSTER_NAME_RULE, isClusterName, isPort } from '../input/checks.js';
import { platformField } from './platform.js';
import { buildsSchema } from './builds.js';
import { CACHE_REGISTRY_MODES } from '../images/cache-registry.js';

const nonEmpty = z.string().min(1, 'must not be empty');

const PRELOAD_MODES = ['merge', 'replace'] as const;

const preloadSchema = z
  .object({
    mode: z.enum(PRELOAD_MODES).optional(),
    refs: z.array(nonEmpty).optional(),
    skip: z.array(nonEmpty).optional(),
    /** sew-ci extension: platforms to copy for tags (default: the host's); `all` copies whole indexes. */
    platforms: z.union([z.literal('all'), z.array(platformField).min(1)]).optional(),
  })
  .strict();

/** `host`, `host=url[,url...]` (endpoints tried in order), or the object form. `*` is every other host. */
const upstreamSchema = z.union([
  nonEmpty,
  z.object({ host: nonEmpty, endpoints: z.array(nonEmpty).min(1).optional() }).strict(),
]);

const mirrorsSchema = z
  .object({
    data: nonEmpty.optional(),
    upstreams: z.array(upstreamSchema).optional(),
  })
  .strict();

const registryAccessSchema = z
  .object({
    url: nonEmpty.optional(),
    username: z.string().optional(),
    password: z.string().optional(),
  })
  .strict();

/** sew-ci extension: a registry you push to (off unless present). */
const localSchema = z
  .object({
    port: z.number().int().min(1).max(65535).optional(),
    /** `[user:pass@]host[:port][/path]`: push to an existing registry instead of a local one. */
    external: nonEmpty.optional(),
    /** Keep the local registry's data in the CI cache (build outputs usually change every run). */
    cache: z.boolean().optional(),
  })
  .strict();

const imagesSchema = z
  .object({
    local: localSchema.nullable().optional(),
    mirrors: mirrorsSchema.nullable().optional(),
    preload: preloadSchema.optional(),
    registries: z.record(nonEmpty, registryAccessSchema).optional(),
    /** sew-ci extension: the image the preload and mirror registries run. */
    registryImage: nonEmpty.optional(),
    /** sew-ci extension: the OCI registry shared as a second-level image cache (`host[/path]`); the user's own files only. */
    cacheRegistry: nonEmpty.optional(),
    cacheRegistryMode: z.enum(CACHE_REGISTRY_MODES).optional(),
  })
  .strict();

const port = (allowZero: boolean) => z.number().refine((n) => isPort(n, allowZero), `must be a port (${allowZero ? 0 : 1}-65535)`);

// Kind validates its own config; sew-ci only needs the shapes it merges and extends.
const kindNodeSchema = z
  .object({
    role: z.enum(['control-plane', 'worker']).optional(),
    image: nonEmpty.optional(),
    extraMounts: z.array(z.record(z.string(), z.unknown())).optional(),
    extraPortMappings: z.array(z.object({ containerPort: port(false).optional(), hostPort: port(true).optional() }).loose()).optional(),
  })
  .loose();

const kindSchema = z
  .object({
    // Empty is no name (a template such as "{{ .clusterName }}" rendered with an empty value): as in sew, it does not override.
    name: z.string().refine((v) => v === '' || isClusterName(v), CLUSTER_NAME_RULE).optional(),
    nodes: z.array(kindNodeSchema).optional(),
    containerdConfigPatches: z.array(z.string()).optional(),
  })
  .loose();

export const KNOWN_TOP_LEVEL = [
  'registry',
  'from',
  'abstract',
  'description',
  'vars',
  'kind',
  'images',
  'components',
  'helm',
  'repos',
  'features',
  'builds',
  'notes',
] as const;

export const sewFileSchema = z
  .object({
    registry: nonEmpty.optional(),
    from: z.union([nonEmpty, z.array(nonEmpty)]).optional(),
    abstract: z.boolean().optional(),
    description: z.string().optional(),
    /** Template variables, read from the raw text before rendering (vars.ts). */
    vars: z.unknown().optional(),
    kind: kindSchema.optional(),
    images: imagesSchema.optional(),
    components: z.array(z.record(z.string(), z.unknown())).optional(),
    helm: z.unknown().optional(),
    repos: z.unknown().optional(),
    features: z.unknown().optional(),
    builds: buildsSchema.optional(),
    notes: z.unknown().optional(),
  })
  // Unknown top-level keys are carried (sew grows new fields) and warned about, not refused.
  .loose();

export type SewFile = z.infer<typeof sewFileSchema>;
export type UpstreamInput = z.infer<typeof upstreamSchema>;
export type RegistryAccessInput = z.infer<typeof registryAccessSchema>;
export type LocalInput = z.infer<typeof localSchema>;
