// The command palette's filter: the letters typed must appear in order in a name ("fv" finds
// "Fit view"); names where they sit together, or begin words, come first.

/** A score (higher is better) when every letter of `query` appears in order in `text`, else null. */
export function fuzzyScore(query: string, text: string): number | null {
  const wanted = query.toLowerCase().replace(/\s+/g, '');
  const haystack = text.toLowerCase();
  let score = 0;
  let from = 0;
  let previous = -2;
  for (const letter of wanted) {
    const at = haystack.indexOf(letter, from);
    if (at < 0) return null;
    if (at === previous + 1) score += 3;
    if (at === 0 || /[\s/(-]/.test(haystack[at - 1] ?? '')) score += 2;
    score -= (at - from) * 0.1;
    previous = at;
    from = at + 1;
  }
  return score;
}

/** The items whose name matches, best first; all of them, in order, for an empty query. */
export function fuzzyFilter<T>(items: readonly T[], query: string, name: (item: T) => string): T[] {
  if (query.trim() === '') return [...items];
  return items
    .map((item, index) => ({ item, index, score: fuzzyScore(query, name(item)) }))
    .filter((entry): entry is { item: T; index: number; score: number } => entry.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((entry) => entry.item);
}
