import { describe, expect, it } from 'vitest';
import type { ChartRow } from './chart-series.js';
import { drawnRows } from './chart-downsample.js';

const row = (index: number, value: number, flagged = false): ChartRow => ({
  index,
  runId: `r${index}`,
  recordedAt: index,
  value,
  movingRange: index === 1 ? null : Math.abs(Math.sin(index)),
  violations: flagged ? [1] : [],
  flagged,
  baseline: index <= 20,
  dropped: false,
});
const series = (count: number, flaggedAt: readonly number[] = []) =>
  Array.from({ length: count }, (_, position) => {
    const index = position + 1;
    return row(index, 100 + Math.sin(index / 7) * 5, flaggedAt.includes(index));
  });

describe('drawing a long control chart', () => {
  it('draws every point of a series that fits the chart', () => {
    const rows = series(1000);
    expect(drawnRows(rows, 600)).toEqual(rows);
  });

  it('thins 10,000 points to about four per bucket, in run order, first and last kept', () => {
    const drawn = drawnRows(series(10_000), 600);
    expect(drawn.length).toBeLessThanOrEqual(600 * 4 + 2);
    expect(drawn.length).toBeGreaterThan(600);
    expect(drawn.map((kept) => kept.index)).toEqual([...drawn.map((kept) => kept.index)].sort((a, b) => a - b));
    expect(drawn[0]?.index).toBe(1);
    expect(drawn.at(-1)?.index).toBe(10_000);
  });

  it('keeps every out-of-control point, even several in one bucket, and the extremes of each bucket', () => {
    const rows = series(10_000, [5000, 5001, 5002, 9999]);
    rows[7000] = row(7001, 10_000);
    rows[3000] = row(3001, -10_000);
    const drawn = drawnRows(rows, 600);
    const indexes = new Set(drawn.map((kept) => kept.index));
    for (const index of [5000, 5001, 5002, 9999, 7001, 3001]) expect(indexes.has(index)).toBe(true);
    expect(Math.max(...drawn.map((kept) => kept.value))).toBe(10_000);
    expect(Math.min(...drawn.map((kept) => kept.value))).toBe(-10_000);
  });
});
