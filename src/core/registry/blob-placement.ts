// Puts each blob into each destination repository at most once per run. A blob two images
// share is transferred once: the first image to need it transfers it, every other
// repository waits for that transfer and then mounts it. Waiting never holds a transfer
// slot, so shared blobs cannot deadlock the bounded pool. A blob missing from a repository
// but already held by another repository of this run (an earlier run's copy of a shared
// base layer, say) is mounted from there instead of transferred again.

import type { RegistryClient } from './client.js';
import type { Limiter } from './limiter.js';

/** Streams one blob from its source into an upload session of `repository`; resolves with bytes moved. */
export type Transfer = (location: URL) => Promise<number>;

export class BlobPlacement {
  private readonly placed = new Map<string, Promise<number>>();
  /** A destination repository known (or about to be known) to hold each digest. */
  private readonly holders = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly destination: RegistryClient,
    private readonly transfers: Limiter,
    /** Destination repositories of this run, where an earlier run may have left the blob. */
    private readonly neighbours: readonly string[] = [],
  ) {}

  /** Ensures `digest` is committed in `repository`; resolves with the bytes this call moved (0 if none). */
  ensure(repository: string, digest: string, transfer: Transfer): Promise<number> {
    const key = `${repository}@${digest}`;
    const existing = this.placed.get(key);
    if (existing !== undefined) return existing.then(() => 0);
    const placing = this.place(repository, digest, transfer);
    this.placed.set(key, placing);
    // A later image may retry a placement that failed.
    placing.catch(() => this.placed.delete(key));
    return placing;
  }

  private async place(repository: string, digest: string, transfer: Transfer): Promise<number> {
    if (await this.destination.hasBlob(repository, digest)) {
      if (!this.holders.has(digest)) this.holders.set(digest, Promise.resolve(repository));
      return 0;
    }
    for (;;) {
      const holder = this.holders.get(digest);
      if (holder === undefined) return this.claim(repository, digest, transfer);
      const from = await holder;
      if (from !== undefined) {
        const start = await this.destination.startUpload(repository, { digest, from });
        if (start.mounted) return 0;
        return this.transfers(() => transfer(start.location));
      }
      // That transfer failed and its claim is gone; the first waiter to get here tries next.
    }
  }

  /** Becomes the repository others mount the digest from, by transferring it. */
  private async claim(repository: string, digest: string, transfer: Transfer): Promise<number> {
    let settle!: (repo: string | undefined) => void;
    const holder = new Promise<string | undefined>((resolve) => (settle = resolve));
    this.holders.set(digest, holder);
    try {
      const moved = await this.upload(repository, digest, transfer);
      settle(repository);
      return moved;
    } catch (err) {
      this.holders.delete(digest);
      settle(undefined);
      throw err;
    }
  }

  private async upload(repository: string, digest: string, transfer: Transfer): Promise<number> {
    const from = await this.neighbourHolding(repository, digest);
    return this.transfers(async () => {
      const start = await this.destination.startUpload(repository, from !== undefined ? { digest, from } : undefined);
      if (start.mounted) return 0;
      return transfer(start.location);
    });
  }

  /** HEADs cost nothing against pull limits and open no upload session, unlike mount attempts. */
  private async neighbourHolding(repository: string, digest: string): Promise<string | undefined> {
    for (const neighbour of this.neighbours) {
      if (neighbour !== repository && (await this.destination.hasBlob(neighbour, digest))) return neighbour;
    }
    return undefined;
  }
}
