// The preload port over the copier: the plan's images, from the upstreams the plan resolves,
// into the preload storage.
import { endpointFor, upstreamAccess } from '../config/registries.js';
import type { CredentialLookup } from '../oci/access.js';
import { copyImages } from './copier.js';
import type { LocalImages } from '../daemon/local-images.js';
import { parseReference } from '../images/reference.js';
import type { Preloader } from '../ports/preloader.js';
import { fullDiskHint } from '../storage/free-space.js';

/**
 * `credentials` serves registries whose access names none (the Docker config); `localImages`
 * is the Docker daemon, for images built in the job or kept by Docker Layer Caching.
 */
export function registryPreloader(env: NodeJS.ProcessEnv, credentials: CredentialLookup, localImages?: LocalImages): Preloader {
  return {
    async preload(plan, onEvent) {
      const report = await copyImages(
        plan.preload.refs.map((ref) => ({ source: parseReference(ref) })),
        {
          target: { root: plan.preload.data },
          upstream: (host) => upstreamAccess(endpointFor(plan.registries, host), env),
          platforms: plan.preload.platforms,
          credentials,
          ...(localImages && { localImages }),
          onEvent,
        },
      );
      const diskFull = report.results.some((r) => r.error) ? await fullDiskHint(plan.preload.data) : undefined;
      return { images: report.results, warnings: diskFull ? [diskFull] : [] };
    },
  };
}
