// Bodies we hold whole in memory (fetched sew.yaml files, manifests, tokens, error
// documents) are read through this one cap, so a peer cannot make us buffer without end.

/**
 * Reads `body` to its end, or stops and cancels it as soon as it passes `max` bytes.
 * Undefined when over the cap: callers say what was too large, in their own terms.
 */
export async function readCapped(body: ReadableStream<Uint8Array> | null, max: number): Promise<Buffer | undefined> {
  if (body === null) return Buffer.alloc(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
