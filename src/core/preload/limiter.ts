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
