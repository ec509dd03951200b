// "Did you mean": the closest known name to a mistyped one, when it is close enough to be a typo.
import leven from 'leven';

/** The closest candidate, when within 1 edit of a short word, 2 of a longer one, 3 of a long one. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = word.length <= 3 ? 1 : word.length <= 8 ? 2 : 3;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = leven(word, name);
    if (distance <= limit && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}
