import { createHash } from 'node:crypto';
import { SHA256_DIGEST } from '../images/reference.js';
import { isIndex, manifestMediaType } from './media-types.js';
import type { Platform } from './platform.js';

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: Platform;
  /** Foreign layers (Windows base layers) live elsewhere and are never copied. */
  readonly urls?: readonly string[];
}

/** A manifest exactly as the registry served it: the bytes are what the digest covers. */
export interface Manifest {
  readonly mediaType: string;
  readonly digest: string;
  readonly bytes: Buffer;
  /** Index entries for an index; config then layers for an image manifest. */
  readonly references: readonly Descriptor[];
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Bytes that are no manifest we copy: the client and `verify` each report it their way. */
export class ManifestFormatError extends Error {}

/**
 * Manifests one index may list. Multi-platform images list a few dozen (platforms and their
 * attestations); a registry listing thousands would have the copier fetch them all.
 */
export const MAX_INDEX_MANIFESTS = 256;

/** Parses and checks manifest bytes; the digest is always computed, never trusted. */
export function parseManifest(bytes: Buffer, contentType: string | null): Manifest {
  let document: unknown;
  try {
    document = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ManifestFormatError('manifest is not valid JSON');
  }
  const mediaType = manifestMediaType(contentType, document);
  if (mediaType === undefined) {
    throw new ManifestFormatError(`unsupported manifest type ${contentType ?? '(none)'}; only OCI and Docker schema 2 are copied`);
  }
  const doc = document as { manifests?: unknown; config?: unknown; layers?: unknown };
  const references = isIndex(mediaType)
    ? descriptors(doc.manifests, 'manifests')
    : [descriptor(doc.config, 'config'), ...descriptors(doc.layers, 'layers')];
  if (isIndex(mediaType) && references.length > MAX_INDEX_MANIFESTS) {
    throw new ManifestFormatError(`the index lists ${references.length} manifests, more than the ${MAX_INDEX_MANIFESTS} sew-ci follows`);
  }
  return { mediaType, digest: sha256Digest(bytes), bytes, references };
}

/** The blobs an image manifest needs in the destination repository before it can be stored. */
export function requiredBlobs(manifest: Manifest): Descriptor[] {
  return manifest.references.filter((ref) => ref.urls === undefined || ref.urls.length === 0);
}

function descriptors(value: unknown, field: string): Descriptor[] {
  if (!Array.isArray(value)) throw new ManifestFormatError(`manifest has no ${field} list`);
  return value.map((entry, i) => descriptor(entry, `${field}[${i}]`));
}

function descriptor(value: unknown, field: string): Descriptor {
  if (typeof value !== 'object' || value === null) throw new ManifestFormatError(`manifest ${field} is missing`);
  const d = value as { mediaType?: unknown; digest?: unknown; size?: unknown; platform?: unknown; urls?: unknown };
  if (typeof d.digest !== 'string' || !SHA256_DIGEST.test(d.digest)) {
    throw new ManifestFormatError(`manifest ${field} has an unsupported digest ${String(d.digest)}`);
  }
  if (typeof d.size !== 'number' || !Number.isSafeInteger(d.size) || d.size < 0) {
    throw new ManifestFormatError(`manifest ${field} has an invalid size`);
  }
  const platform = parsePlatformField(d.platform);
  const urls = Array.isArray(d.urls) ? d.urls.filter((u): u is string => typeof u === 'string') : undefined;
  return {
    mediaType: typeof d.mediaType === 'string' ? d.mediaType : '',
    digest: d.digest,
    size: d.size,
    ...(platform !== undefined && { platform }),
    ...(urls !== undefined && { urls }),
  };
}

function parsePlatformField(value: unknown): Platform | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as { os?: unknown; architecture?: unknown; variant?: unknown };
  if (typeof p.os !== 'string' || typeof p.architecture !== 'string') return undefined;
  return { os: p.os, architecture: p.architecture, ...(typeof p.variant === 'string' && p.variant !== '' && { variant: p.variant }) };
}
