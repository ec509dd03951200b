// The Kind node image, planned: which image the cluster's nodes run, where that choice came
// from, and, when it is pinned by digest, where its blobs are kept and under which cache key.
// The biggest download of a Kind job, so it is stored like a preloaded image but cached apart:
// it changes only with kind, the preload list often.
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { normaliseAt, parseReference } from '../images/reference.js';

/**
 * How kind release binaries carry their default (kind's pkg/apis/config/defaults/image.go):
 * a plain string, so a scan of the binary finds it and no table has to follow kind's releases.
 */
const KIND_DEFAULT_IMAGE = /kindest\/node:v\d+\.\d+\.\d+[\w.-]*@sha256:[a-f0-9]{64}/;

/** The first default node image written in `text` (a window of a kind binary). */
export function kindDefaultIn(text: string): string | undefined {
  return KIND_DEFAULT_IMAGE.exec(text)?.[0];
}

/** Longest match of the pattern, so a scan in windows overlaps them by this much. */
export const KIND_DEFAULT_MAX_LENGTH = 200;

/** The default read from the kind binary that will run, with where that binary is. */
export interface KindDefault {
  readonly image: string;
  readonly binary: string;
}

export type NodeImageSource = 'node-image' | 'kind config' | 'kind default';

export interface NodeImage {
  /** Normalised (`docker.io/kindest/node:v1.31.0@sha256:...`). */
  readonly ref: string;
  readonly source: NodeImageSource;
  /** Where the choice was written: the option, the config field, or the kind binary's path. */
  readonly where: string;
  /** Present when pinned by digest: only then is it stored and cached. */
  readonly stored?: {
    readonly digest: string;
    /** A registry storage of its own under $SEW_HOME. */
    readonly data: string;
    /** The one platform stored: the Docker engine's, which runs the nodes. */
    readonly platform: string;
    /**
     * The name it takes when sew-ci loads it into the daemon. A loaded image gets no digest
     * reference (Docker records one only for a pull under that very name), and kind pulls
     * whatever `docker inspect --type=image` does not find: so kind is given this tag, which
     * names the digest and so never names another image.
     */
    readonly localTag: string;
  };
}

export interface NodeImageChoice {
  readonly image?: NodeImage;
  readonly warnings: readonly string[];
}

/**
 * The option wins (kind's --image overrides every node), then the nodes' own `image` when they
 * agree, then kind's default. An image that is not a reference is bad input, refused here.
 */
export function chooseNodeImage(given: string | undefined, nodes: readonly Record<string, unknown>[], kindDefault: KindDefault | undefined, where: { home: string; platform: string }): NodeImageChoice {
  const images = nodeImagesOf(nodes);
  if (given !== undefined) return pinned({ ref: normaliseAt(given, 'node image'), source: 'node-image', where: 'node image' }, where);
  if (images.length > 1) {
    // Not stored, but still checked: a bad reference is bad input, whichever node names it.
    for (const node of images) normaliseAt(node.image, node.where);
    return { warnings: [`kind.nodes name ${images.length} different node images: kind runs each as written, and none is stored or cached by sew-ci`] };
  }
  const first = images[0];
  if (first !== undefined) return pinned({ ref: normaliseAt(first.image, first.where), source: 'kind config', where: first.where }, where);
  if (kindDefault === undefined) return { warnings: [] };
  return pinned({ ref: normaliseAt(kindDefault.image, kindDefault.binary), source: 'kind default', where: kindDefault.binary }, where);
}

/** Whether the nodes choose their image themselves: then kind's default is not read. */
export function nodesNameImage(nodes: readonly Record<string, unknown>[]): boolean {
  return nodeImagesOf(nodes).length > 0;
}

function nodeImagesOf(nodes: readonly Record<string, unknown>[]): { image: string; where: string }[] {
  const seen = new Map<string, string>();
  nodes.forEach((node, i) => {
    if (node.image === undefined) return;
    const where = `kind.nodes[${i}].image`;
    if (typeof node.image !== 'string' || node.image === '') throw new InputError(where, 'must be an image reference');
    if (!seen.has(node.image)) seen.set(node.image, where);
  });
  return [...seen].map(([image, where]) => ({ image, where }));
}

function pinned(image: Omit<NodeImage, 'stored'>, { home, platform }: { home: string; platform: string }): NodeImageChoice {
  const ref = parseReference(image.ref);
  if (ref.digest === undefined) {
    return { image, warnings: [`node image ${image.ref} (${image.where}) is not pinned by digest: kind pulls it, and sew-ci neither stores nor caches it`] };
  }
  const localTag = `${ref.host}/${ref.repository}:sew-${ref.digest.slice('sha256:'.length)}`;
  return { image: { ...image, stored: { digest: ref.digest, data: nodeImageData(home), platform, localTag } }, warnings: [] };
}

export function nodeImageData(home: string): string {
  return join(home, 'node-image');
}
