import { describe, expect, it } from 'vitest';
import {
  DOCKER_MANIFEST,
  DOCKER_MANIFEST_LIST,
  MANIFEST_ACCEPT,
  OCI_INDEX,
  OCI_MANIFEST,
  isIndex,
  isManifest,
  manifestMediaType,
} from '../../../src/core/oci/media-types.js';

describe('MANIFEST_ACCEPT', () => {
  it('asks for all four manifest formats, indexes first', () => {
    expect(MANIFEST_ACCEPT.split(', ')).toEqual([OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST]);
  });
});

describe('manifestMediaType', () => {
  it.each([
    ['Content-Type wins', DOCKER_MANIFEST, { mediaType: OCI_MANIFEST }, DOCKER_MANIFEST],
    ['Content-Type parameters ignored', `${OCI_INDEX}; charset=utf-8`, {}, OCI_INDEX],
    ['generic Content-Type falls back to the document', 'application/json', { schemaVersion: 2, mediaType: DOCKER_MANIFEST_LIST, manifests: [] }, DOCKER_MANIFEST_LIST],
    ['missing Content-Type', null, { schemaVersion: 2, mediaType: OCI_MANIFEST }, OCI_MANIFEST],
    ['OCI index without mediaType', null, { schemaVersion: 2, manifests: [] }, OCI_INDEX],
    ['OCI manifest without mediaType', 'text/plain', { schemaVersion: 2, config: {}, layers: [] }, OCI_MANIFEST],
    ['schema 1 refused', 'application/vnd.docker.distribution.manifest.v1+prettyjws', { schemaVersion: 1, fsLayers: [] }, undefined],
    ['unknown declared type refused', null, { schemaVersion: 2, mediaType: 'application/vnd.example+json', layers: [] }, undefined],
    ['not an object', null, 'hello', undefined],
  ])('%s', (_name, contentType, document, expected) => {
    expect(manifestMediaType(contentType, document)).toBe(expected);
  });

  it('classifies indexes and manifests', () => {
    expect([OCI_INDEX, DOCKER_MANIFEST_LIST].every(isIndex)).toBe(true);
    expect([OCI_MANIFEST, DOCKER_MANIFEST].every(isManifest)).toBe(true);
    expect(isIndex(OCI_MANIFEST) || isManifest(OCI_INDEX)).toBe(false);
  });
});
