// The line of an edge: forward React Flow's bezier between the handles, backward a loop that runs
// back under both steps instead of through the steps between them.
import { describe, expect, it } from 'vitest';
import { backEdgeLow, edgePath } from './edge-path.js';

/** The points a path's commands name, in order. */
const pointsOf = (path: string) =>
  [...path.matchAll(/(-?[\d.]+),(-?[\d.]+)/g)].map((match) => ({ x: Number(match[1]), y: Number(match[2]) }));

describe('the line of an edge', () => {
  it('forward, starts and ends at the handles and stays between them', () => {
    const points = pointsOf(edgePath({ x: 100, y: 50 }, { x: 400, y: 150 }, 200));
    expect(points[0]).toEqual({ x: 100, y: 50 });
    expect(points.at(-1)).toEqual({ x: 400, y: 150 });
    expect(points.every((point) => point.y >= 50 && point.y <= 150)).toBe(true);
  });

  it('backward, runs back under the lower step and comes in from the left', () => {
    const start = { x: 900, y: 34 };
    const end = { x: 100, y: 34 };
    const path = edgePath(start, end, 68);
    const points = pointsOf(path);
    expect(points[0]).toEqual(start);
    expect(points.at(-1)).toEqual(end);
    const low = backEdgeLow(start, end, 68);
    expect(low).toBeGreaterThan(68);
    // Between its ends it is never at the steps' height: it cannot cross a step in the row.
    expect(points.slice(1, -1).filter((point) => point.y < 68 && point.x > end.x && point.x < start.x)).toEqual([]);
    expect(path).toContain(`L${end.x},${low}`);
    // The last control point lies left of the target: the edge enters from the left, as forward ones do.
    expect(points.at(-2)?.x).toBeLessThan(end.x);
  });

  it('backward between steps at different heights, runs under the lower one', () => {
    expect(backEdgeLow({ x: 500, y: 300 }, { x: 100, y: 40 }, 334)).toBeGreaterThan(334);
  });
});
