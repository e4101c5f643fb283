// Numbers and lists as a gate checklist shows them to people: no float noise (0.8 - 0.01 is
// 0.79, not 0.7899999999999999), thousands grouped, durations with their unit.

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });

export function formatGateNumber(value: number, metric = ''): string {
  const text = Number.isInteger(value) ? GROUPED.format(value) : GROUPED.format(Number(value.toPrecision(6)));
  return metric === 'duration_ms' ? `${text} ms` : text;
}

/** "a, b and 3 more" */
export function listInWords(items: readonly string[], shown = 3): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}

export const shortCommit = (commit: string | null) => (commit === null ? 'no commit' : commit.slice(0, 7));
