// The copier as `up` uses it: results and progress in the report's terms.
import type { CredentialLookup } from '../oci/access.js';
import { copyImages } from '../oci/copier.js';
import type { LocalImages } from '../daemon/local-images.js';
import type { ImageReport, Preloader } from '../up.js';

/**
 * `credentials` serves registries whose access names none (the Docker config); `localImages`
 * is the Docker daemon, for images built in the job or kept by Docker Layer Caching.
 */
export function registryPreloader(credentials: CredentialLookup, localImages?: LocalImages): Preloader {
  return {
    async preload(refs, target, options) {
      const report = await copyImages(
        refs.map((source) => ({ source })),
        {
          target,
          upstream: options.upstream,
          platforms: options.platforms,
          credentials,
          ...(localImages && { localImages }),
          onEvent: (event) => {
            if (event.type === 'retrying') return options.onNote?.(event.message);
            const progress = options.onProgress;
            if (!progress) return;
            if (event.type === 'image-started') progress({ kind: 'image-start', ref: event.ref });
            else if (event.type === 'image-finished') {
              const r = event.result;
              progress({ kind: 'image-done', ref: r.ref, source: r.source, bytesCopied: r.bytesCopied, ...(r.error && { error: r.error }) });
            } else if (event.bytes === event.size) progress({ kind: 'bytes', ref: event.ref, bytes: event.size });
          },
        },
      );
      return report.results.map(
        (r): ImageReport => ({
          ref: r.ref,
          bytesCopied: r.bytesCopied,
          ...(r.source !== 'failed' && { source: r.source, digest: r.digest }),
          ...(r.error && { error: r.error }),
          ...(r.warning && { warning: r.warning }),
        }),
      );
    },
  };
}
