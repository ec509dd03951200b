/** Runs at most `slots` tasks at once; the rest queue in call order. */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function limiter(slots: number): Limiter {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= slots) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else running--;
    }
  };
}

/**
 * Runs `task` on each item, at most `slots` at once, and starts none after the first failure:
 * work for an image that is already lost is wasted requests. Throws that failure once the
 * tasks still running have settled, so none outlives the call.
 */
export async function eachUntilFailure<T>(items: readonly T[], slots: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
}
