import { createHash } from 'node:crypto';
import { RuntimeError } from '../errors.js';

/** Content that is not what its descriptor says: the copier reports it as the upstream's fault. */
export class DigestMismatchError extends RuntimeError {}

/**
 * Passes a blob through while hashing it, and holds back its last chunk until the size and
 * sha256 are proven. An upload fed by this stream therefore never delivers a complete body
 * for bad content: the destination sees a truncated request and commits nothing, whatever
 * its own checks would have said.
 */
export function verifyingStream(
  expected: { readonly digest: string; readonly size: number },
  onBytes?: (bytesSoFar: number) => void,
): TransformStream<Uint8Array, Uint8Array> {
  const hash = createHash('sha256');
  let seen = 0;
  let held: Uint8Array | undefined;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, out) {
      seen += chunk.length;
      if (seen > expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} is longer than its declared ${expected.size} bytes`);
      }
      hash.update(chunk);
      if (held !== undefined) out.enqueue(held);
      held = chunk;
      onBytes?.(seen);
    },
    flush(out) {
      if (seen !== expected.size) {
        throw new DigestMismatchError(`blob ${expected.digest} ended after ${seen} of its ${expected.size} bytes`);
      }
      const actual = `sha256:${hash.digest('hex')}`;
      if (actual !== expected.digest) {
        throw new DigestMismatchError(`blob ${expected.digest} has content with digest ${actual}`);
      }
      if (held !== undefined) out.enqueue(held);
    },
  });
}
