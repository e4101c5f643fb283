import { distance } from 'fastest-levenshtein';

/** How far a typo may be from the word meant: one edit for short words, more for long ones. */
function tolerance(word: string): number {
  return word.length <= 3 ? 1 : Math.max(2, Math.floor(word.length / 3));
}

function score(word: string, candidate: string): number {
  const a = word.toLowerCase();
  const b = candidate.toLowerCase();
  if (a === b) return 0;
  // "warning" for "warn", "env" for "environment": one is the start of the other.
  if (Math.min(a.length, b.length) >= 3 && (a.startsWith(b) || b.startsWith(a))) return 1;
  return distance(a, b);
}

/** The closest candidate to a mistyped word, when it is close enough to be a likely typo. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const value = score(word, candidate);
    if (value < bestScore) {
      best = candidate;
      bestScore = value;
    }
  }
  return best !== undefined && bestScore <= tolerance(word) ? best : undefined;
}

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
