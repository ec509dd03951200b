// The writing half of the distribution client: what a cache registry needs to receive an
// image with its digests unchanged. Blobs go up only when the repository lacks them: a HEAD
// first, then a cross-repository mount from a repository known to hold the blob (one round
// trip, no bytes), then a monolithic upload (POST, then one PUT of the whole blob). Manifests
// are PUT verbatim, children before the index that names them. Transport, authentication,
// retries and the origin policy are the pull client's (client.ts).

import type { Readable } from 'node:stream';
import { RegistryClient } from './client.js';
import { discard } from './http.js';
import type { Manifest } from './manifest.js';
import { redirectRefusal } from './origin-policy.js';
import { RegistryError } from './registry-error.js';

const pushScopes = (repository: string): string[] => [`repository:${repository}:pull,push`];

/** A blob to send: opened afresh for each attempt. */
export interface BlobSource {
  readonly digest: string;
  readonly size: number;
  open(): Readable;
}

export class RegistryPush {
  constructor(readonly client: RegistryClient) {}

  get host(): string {
    return this.client.host;
  }

  /** Whether `repository` serves the blob already. */
  async hasBlob(repository: string, digest: string): Promise<boolean> {
    const reply = await this.client.request(repository, 'blob', { method: 'HEAD', at: `/${repository}/blobs/${digest}`, scopes: pushScopes(repository) });
    await discard(reply);
    if (reply.status === 200) return true;
    if (reply.status === 404) return false;
    throw await this.client.failure(reply, repository, `blob ${digest}`);
  }

  /**
   * Makes the blob part of `repository`: there already, mounted from `mountFrom` (a repository
   * of the same registry that holds it), or uploaded. Resolves with the bytes uploaded.
   */
  async putBlob(repository: string, blob: BlobSource, mountFrom?: string): Promise<number> {
    if (await this.hasBlob(repository, blob.digest)) return 0;
    const start = this.client.url(`/${repository}/blobs/uploads/`);
    if (mountFrom !== undefined && mountFrom !== repository) {
      start.searchParams.set('mount', blob.digest);
      start.searchParams.set('from', mountFrom);
    }
    const scopes = mountFrom === undefined ? pushScopes(repository) : [...pushScopes(repository), `repository:${mountFrom}:pull`];
    const started = await this.client.request(repository, 'blob upload', { method: 'POST', at: start, scopes, idempotent: true });
    await discard(started);
    // Mounted: the registry linked the blob it holds, nothing to send.
    if (started.status === 201) return 0;
    if (started.status !== 202) throw await this.client.failure(started, repository, `blob upload ${blob.digest}`);
    const upload = this.uploadUrl(repository, start, started.headers.get('location'));
    upload.searchParams.set('digest', blob.digest);
    const put = await this.client.request(repository, 'blob upload', {
      method: 'PUT',
      at: upload,
      scopes: pushScopes(repository),
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(blob.size) },
      body: () => blob.open(),
    });
    if (put.status !== 201) throw await this.client.failure(put, repository, `blob upload ${blob.digest}`);
    await discard(put);
    return blob.size;
  }

  /** Stores `manifest` verbatim under `reference` (a tag, or its digest); what it names must be there. */
  async putManifest(repository: string, reference: string, manifest: Manifest): Promise<void> {
    const reply = await this.client.request(repository, 'manifest', {
      method: 'PUT',
      at: `/${repository}/manifests/${reference}`,
      scopes: pushScopes(repository),
      headers: { 'content-type': manifest.mediaType, 'content-length': String(manifest.bytes.length) },
      body: () => manifest.bytes,
      idempotent: true,
    });
    if (reply.status !== 201 && reply.status !== 200) throw await this.client.failure(reply, repository, `manifest ${reference}`);
    await discard(reply);
    const stored = reply.headers.get('docker-content-digest');
    if (stored !== null && stored !== manifest.digest) {
      throw new RegistryError('invalid', this.host, repository, `manifest ${reference} was stored as ${stored}, not ${manifest.digest}`);
    }
  }

  /** Where the registry said to send the blob: relative to the request, never from https down to http. */
  private uploadUrl(repository: string, from: URL, location: string | null): URL {
    if (location === null) throw new RegistryError('invalid', this.host, repository, 'blob upload: the registry named no upload location');
    const url = new URL(location, from);
    const refusal = redirectRefusal(from, url);
    if (refusal !== undefined) throw new RegistryError('invalid', this.host, repository, `blob upload: ${refusal}`);
    return url;
  }
}
