// The preload port over the copier: the plan's images, from the upstreams the plan resolves,
// into the preload storage.
import { endpointFor, upstreamAccess, type RegistryEndpoint } from '../config/registries.js';
import type { CredentialLookup, RegistryAccess } from '../oci/access.js';
import { copyImages } from './copier.js';
import type { LocalImages } from '../daemon/local-images.js';
import { parseReference } from '../images/reference.js';
import type { Preloader } from '../ports/preloader.js';
import { fullDiskHint } from '../storage/free-space.js';
import { writeBack } from './write-back.js';

/**
 * `credentials` serves registries whose access names none (the Docker config); `localImages`
 * is the Docker daemon, for images built in the job or kept by Docker Layer Caching.
 */
export function registryPreloader(env: NodeJS.ProcessEnv, credentials: CredentialLookup, localImages?: LocalImages): Preloader {
  const access = ({ registries }: { readonly registries: Readonly<Record<string, RegistryEndpoint>> }, host: string): RegistryAccess => {
    // A host a fetched layer routed elsewhere is reached without credentials (registries.ts).
    return upstreamAccess(endpointFor(registries, host), env);
  };
  return {
    async preload(plan, onEvent) {
      const report = await copyImages(
        plan.preload.refs.map((ref) => ({ source: parseReference(ref) })),
        {
          target: { root: plan.preload.data },
          upstream: (host) => access(plan, host),
          ...(plan.cacheRegistry && { cacheRegistry: { access: access(plan, plan.cacheRegistry.host), location: plan.cacheRegistry } }),
          platforms: plan.preload.platforms,
          credentials,
          ...(localImages && { localImages }),
          onEvent,
        },
      );
      const diskFull = report.results.some((r) => r.error) ? await fullDiskHint(plan.preload.data) : undefined;
      return { images: report.results, warnings: diskFull ? [diskFull] : [], ...(report.cacheRegistryWarning !== undefined && { cacheRegistryProblem: report.cacheRegistryWarning }) };
    },
    async writeBack(plan, images) {
      const cache = plan.cacheRegistry;
      if (cache === null) return { written: [], bytesUploaded: 0 };
      return writeBack(images, { root: plan.preload.data, access: access(plan, cache.host), location: cache, credentials });
    },
  };
}
