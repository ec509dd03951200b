// `kind --wait` takes a Go duration (time.ParseDuration): `60s`, `5m`, `1m30s`, `1.5h`,
// `250ms`. The options table checks --wait and the input `wait` with it, so a bad value is
// refused before anything starts, with the same message from the CLI and the action.

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

export const DURATION_HINT = 'a duration such as 60s, 5m or 1m30s';

/** Milliseconds in a Go duration, or undefined when the text is not one (negative ones included). */
export function goDurationMs(text: string): number | undefined {
  if (text === '0') return 0;
  let total = 0;
  PART.lastIndex = 0;
  while (PART.lastIndex < text.length) {
    const start = PART.lastIndex;
    const match = PART.exec(text);
    if (!match || match.index !== start) return undefined;
    total += Number(match[1]) * UNIT_MS[match[2]!]!;
  }
  return text.length > 0 ? total : undefined;
}
