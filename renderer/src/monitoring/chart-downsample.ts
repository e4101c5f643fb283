// A series of thousands of runs has more points than the chart has pixels: drawing each one
// costs time and shows nothing more. The rows are cut into equal runs of the x axis and each
// keeps its lowest and highest value and moving range (so every spike and dip still shows),
// and every flagged point (and every point left out of the limits) stays, so no out-of-control
// run is ever hidden by the thinning.
import type { ChartRow } from './chart-series.js';

/** About one bucket per three pixels of a wide chart: each keeps up to four rows, about a point a pixel. */
export const DRAWN_BUCKETS = 300;

function extremes(bucket: readonly ChartRow[], read: (row: ChartRow) => number | null): ChartRow[] {
  let low: { row: ChartRow; value: number } | null = null;
  let high: { row: ChartRow; value: number } | null = null;
  for (const row of bucket) {
    const value = read(row);
    if (value === null) continue;
    if (low === null || value < low.value) low = { row, value };
    if (high === null || value > high.value) high = { row, value };
  }
  return [low, high].flatMap((found) => (found === null ? [] : [found.row]));
}

/** The rows worth drawing, in order; all of them when there are no more than the buckets hold. */
export function drawnRows(rows: readonly ChartRow[], buckets = DRAWN_BUCKETS): ChartRow[] {
  if (rows.length <= buckets * 2) return [...rows];
  const size = rows.length / buckets;
  const kept = new Set<ChartRow>();
  for (let bucket = 0; bucket < buckets; bucket += 1) {
    const slice = rows.slice(Math.floor(bucket * size), Math.floor((bucket + 1) * size));
    for (const row of extremes(slice, (candidate) => candidate.value)) kept.add(row);
    for (const row of extremes(slice, (candidate) => candidate.movingRange)) kept.add(row);
    for (const row of slice) if (row.flagged || row.dropped) kept.add(row);
  }
  // The first and the last run are always drawn (rows is not empty: it has more rows than buckets).
  for (const end of [rows[0], rows.at(-1)]) if (end) kept.add(end);
  return [...kept].sort((a, b) => a.index - b.index);
}
