// Image references parsed and normalised the way Docker does (distribution/reference),
// so that `mongo:7`, `docker.io/library/mongo:7` and `index.docker.io/library/mongo:7`
// are one image for deduplication, skipping and the cache key.
import { InputError } from '../errors.js';
import { hostPortProblem, isRegistryHost } from '../input/checks.js';

export interface ImageRef {
  /** Registry host, normalised: `docker.io`, `ghcr.io`, `localhost:5000`. */
  readonly host: string;
  /** Repository path under the host: `library/mongo`, `team/api`. */
  readonly repository: string;
  /** Tag; `latest` when neither tag nor digest was written. */
  readonly tag?: string;
  /** `sha256:<64 hex>` when the ref is digest-pinned. */
  readonly digest?: string;
}

export const DOCKER_HUB = 'docker.io';
const LEGACY_HUB = 'index.docker.io';

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A tag as distribution accepts it; the preload store's paths are checked by it too. */
export const TAG = /^[\w][\w.-]{0,127}$/;
/** The one digest algorithm sew-ci stores and serves: pinned references, manifests and the storage layout are held to it. */
export const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const MAX_NAME = 255;

/** Not an image reference; callers that know where it was written rethrow it as an InputError there. */
export class ImageReferenceError extends Error {
  override readonly name = 'ImageReferenceError';
}

export function parseReference(input: string): ImageRef {
  const raw = input.trim();
  if (raw === '') throw new ImageReferenceError('empty image reference');
  if (/\s/.test(raw)) throw new ImageReferenceError(`invalid image reference "${input}": contains whitespace`);

  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest) || (digest.startsWith('sha256:') && !SHA256_DIGEST.test(digest))) {
      throw new ImageReferenceError(`invalid image reference "${input}": bad digest "${digest}"`);
    }
  }

  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new ImageReferenceError(`invalid image reference "${input}": bad tag "${tag}"`);
  }

  let host = DOCKER_HUB;
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    const first = rest.slice(0, slash);
    // Docker's rule: the first component is a registry host when it looks like one.
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      host = first;
      path = rest.slice(slash + 1);
    }
  }
  if (!isRegistryHost(host)) throw new ImageReferenceError(`invalid image reference "${input}": bad registry host "${host}"`);
  const portProblem = hostPortProblem(host);
  if (portProblem) throw new ImageReferenceError(`invalid image reference "${input}": ${portProblem}`);
  host = host.toLowerCase();
  if (host === LEGACY_HUB) host = DOCKER_HUB;
  if (path === '') throw new ImageReferenceError(`invalid image reference "${input}": missing repository`);
  for (const component of path.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      const why = component !== component.toLowerCase() ? 'repository must be lowercase' : `bad path component "${component}"`;
      throw new ImageReferenceError(`invalid image reference "${input}": ${why}`);
    }
  }
  if (host === DOCKER_HUB && !path.includes('/')) path = `library/${path}`;
  if (`${host}/${path}`.length > MAX_NAME) {
    throw new ImageReferenceError(`invalid image reference "${input}": name longer than ${MAX_NAME} characters`);
  }
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { host, repository: path, ...(tag !== undefined && { tag }), ...(digest !== undefined && { digest }) };
}

/** The canonical string: `docker.io/library/mongo:7`, `ghcr.io/x/app@sha256:...`. */
export function formatReference(ref: ImageRef): string {
  return `${ref.host}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

export function normaliseReference(input: string): string {
  return formatReference(parseReference(input));
}

/** What `read` makes of a written reference; its ImageReferenceError as an InputError naming where it was written. */
export function referenceAt<T>(where: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof ImageReferenceError) throw new InputError(where, err.message);
    throw err;
  }
}

/** The normalised reference, or an InputError naming where it was written. */
export function normaliseAt(input: string, where: string): string {
  return referenceAt(where, () => normaliseReference(input));
}

/**
 * The preload registry namespace of a host: `upstream.test:5900` -> `upstream.test_5900`.
 * `_` cannot appear in a host name, so the mapping is one-to-one and no two hosts collide.
 */
export function hostNamespace(host: string): string {
  return host.replace(/:/g, '_');
}

/** Where an image lives in the preload registry: `<namespace>/<repository>`. */
export function preloadRepository(ref: ImageRef): string {
  return `${hostNamespace(ref.host)}/${ref.repository}`;
}
