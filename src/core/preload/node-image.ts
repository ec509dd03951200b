// The node image port over the copier and the container engine: the plan's node image into its
// own storage (one platform, digest-true, a hit from disk when whole), then into the daemon
// from that storage as a `docker load` archive when the daemon lacks it. The archive goes
// through the engine's API, so a remote DOCKER_HOST or GitLab's dind service gets the image
// on the engine that runs the nodes, with no registry it would have to reach.
import { endpointFor, upstreamAccess } from '../config/registries.js';
import { dockerArchive } from '../daemon/docker-archive.js';
import { parseReference, preloadRepository } from '../images/reference.js';
import type { CredentialLookup } from '../oci/access.js';
import { parsePlatform } from '../oci/platform.js';
import type { ContainerEngine } from '../ports/container-engine.js';
import type { NodeImageReport, NodeImages } from '../ports/node-image.js';
import { PreloadStore } from '../storage/preload-store.js';
import { copyImages } from './copier.js';

export function nodeImageLoader(env: NodeJS.ProcessEnv, credentials: CredentialLookup, engine: () => Promise<ContainerEngine>): NodeImages {
  return {
    async ensure(plan, note, progress) {
      const image = plan.nodeImage;
      const stored = image?.stored;
      if (!image || !stored) throw new Error('the plan stores no node image');
      const source = parseReference(image.ref);
      const { results } = await copyImages([{ source, onePlatform: true }], {
        target: { root: stored.data },
        // A host a fetched layer routed elsewhere is reached without credentials (registries.ts).
        upstream: (host) => upstreamAccess(endpointFor(plan.registries, host), env),
        platforms: [stored.platform],
        credentials,
        ...(progress && { onEvent: progress }),
      });
      const copy = results[0]!;
      const report = {
        ref: image.ref,
        ...(copy.source !== undefined && copy.source !== 'daemon' && { stored: copy.source }),
        bytesFetched: copy.bytesCopied,
        ...((copy.error ?? copy.warning) !== undefined && { warning: copy.error ?? copy.warning }),
      };
      const docker = await engine();
      // kind's own check, `docker inspect --type=image`: what it finds, it does not pull.
      for (const known of [image.ref, stored.localTag]) {
        if (await docker.hasImage(known)) {
          note(`${known} is in the Docker daemon: left alone`);
          return { ...report, daemon: 'present', image: known } satisfies NodeImageReport;
        }
      }
      if (copy.error !== undefined) return { ...report, daemon: 'absent', warning: `${copy.error}; kind pulls it` } satisfies NodeImageReport;
      const store = new PreloadStore(stored.data);
      await docker.loadImage(dockerArchive({ store, repository: preloadRepository(source), digest: stored.digest, platform: parsePlatform(stored.platform), tag: stored.localTag }));
      note(`${image.ref} loaded into the Docker daemon from ${stored.data} as ${stored.localTag}`);
      return { ...report, daemon: 'loaded', image: stored.localTag } satisfies NodeImageReport;
    },
  };
}
