// The local Docker daemon as a source of images that no upstream serves (images built in
// the CI job itself). A port, so the copier never talks to Docker or spawns anything.

/** The daemon's images, as the copier reads them: ContainerEngine's imageId and saveImage. */
export interface LocalImages {
  /** The image ID (its config digest) of `ref`, undefined when the daemon has no such image. */
  imageId(ref: string): Promise<string | undefined>;
  /** `docker save` of `ref`: a tar stream in Docker's save format. */
  save(ref: string): Promise<ReadableStream<Uint8Array>>;
}
