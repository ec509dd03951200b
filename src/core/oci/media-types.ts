// The manifest formats a containerd pull understands. Schema 1 is gone from every registry
// we target, so it is refused rather than half-supported.

export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';

export const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const DOCKER_LAYER = 'application/vnd.docker.image.rootfs.diff.tar';
export const DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';

const INDEXES = new Set([OCI_INDEX, DOCKER_MANIFEST_LIST]);
const MANIFESTS = new Set([OCI_MANIFEST, DOCKER_MANIFEST]);

/** Index types first: a registry that can serve either should give us the whole picture. */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(', ');

export function isIndex(mediaType: string): boolean {
  return INDEXES.has(mediaType);
}

export function isManifest(mediaType: string): boolean {
  return MANIFESTS.has(mediaType);
}

/**
 * The media type of manifest bytes: the response's Content-Type when it names a known type,
 * else the document's own `mediaType`, else its shape (OCI allows omitting `mediaType`).
 * Undefined when the bytes are no manifest we support.
 */
export function manifestMediaType(contentType: string | null, document: unknown): string | undefined {
  const declared = contentType?.split(';')[0]?.trim().toLowerCase();
  if (declared !== undefined && (isIndex(declared) || isManifest(declared))) return declared;
  if (typeof document !== 'object' || document === null) return undefined;
  const doc = document as { mediaType?: unknown; schemaVersion?: unknown; manifests?: unknown; layers?: unknown };
  if (typeof doc.mediaType === 'string') {
    return isIndex(doc.mediaType) || isManifest(doc.mediaType) ? doc.mediaType : undefined;
  }
  if (doc.schemaVersion !== 2) return undefined;
  if (Array.isArray(doc.manifests)) return OCI_INDEX;
  if (Array.isArray(doc.layers)) return OCI_MANIFEST;
  return undefined;
}
