// How a preview's numbers read, the same in the terminal and in the studio.
import type { PreviewCell } from './preview-types.js';

const BARS = '▁▂▃▄▅▆▇█';

/** 10000000 -> "10,000,000": counts are read at a glance, not digit by digit. */
export function formatCount(value: number): string {
  return Math.round(value)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A mean with four significant digits, whole numbers as they are; none as "–". */
export function formatMean(value: number | null): string {
  if (value === null) return '–';
  if (Number.isInteger(value)) return formatCount(value);
  return Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)));
}

/** A histogram as one line of block characters, the tallest bin full height; empty bins as the lowest bar only when not zero. */
export function sparkline(counts: readonly number[]): string {
  const highest = Math.max(0, ...counts);
  if (highest === 0) return '';
  return counts
    .map((count) =>
      count === 0 ? ' ' : (BARS[Math.min(BARS.length - 1, Math.floor((count / highest) * (BARS.length - 1)))] ?? ''),
    )
    .join('');
}

/** A table cell as text: null shown as "null", long texts cut with an ellipsis. */
export function cellText(value: PreviewCell, width = 40): string {
  const text = value === null ? 'null' : String(value);
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
