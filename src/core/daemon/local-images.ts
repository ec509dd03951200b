// The local Docker daemon as a source of images that no upstream serves (images built in
// the CI job itself). A port, so the copier never talks to Docker or spawns anything.

import { Readable } from 'node:stream';
import Docker from 'dockerode';

export interface LocalImages {
  /** The image ID (its config digest) of `ref`, undefined when the daemon has no such image. */
  imageId(ref: string): Promise<string | undefined>;
  /** `docker save` of `ref`: a tar stream in Docker's save format. */
  save(ref: string): Promise<ReadableStream<Uint8Array>>;
}

/** LocalImages over the Docker Engine API (the same calls as `docker image inspect` and `docker save`). */
export function dockerDaemonImages(docker: Docker = new Docker()): LocalImages {
  return {
    async imageId(ref) {
      try {
        return (await docker.getImage(ref).inspect()).Id;
      } catch (err) {
        if ((err as { statusCode?: number }).statusCode === 404) return undefined;
        throw err;
      }
    },
    async save(ref) {
      const stream = await docker.getImage(ref).get();
      return Readable.toWeb(Readable.from(stream, { objectMode: false })) as ReadableStream<Uint8Array>;
    },
  };
}
