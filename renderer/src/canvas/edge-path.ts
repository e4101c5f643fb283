// The line an edge draws from its source's right handle to its target's left handle. Forward it
// is React Flow's bezier. Backward (the target lies left of the source: a cycle's closing edge,
// or a step moved behind the one it needs) a bezier would run straight back through the steps
// between, striking their names through; it loops out, runs back under both steps, and comes in
// from the left, as layered graph drawings route a back edge.
import { Position, getBezierPath } from '@xyflow/react';

export interface Point {
  x: number;
  y: number;
}

/** How far a backward edge goes out of its ends before it turns. */
const BACK_REACH = 40;
/** How far under the lower of its two steps a backward edge runs back. */
const BACK_GAP = 28;

/** `lowest`: the bottom of the lower of the two steps, in flow pixels. */
export function edgePath(start: Point, end: Point, lowest: number): string {
  if (end.x >= start.x) {
    const [path] = getBezierPath({
      sourceX: start.x,
      sourceY: start.y,
      sourcePosition: Position.Right,
      targetX: end.x,
      targetY: end.y,
      targetPosition: Position.Left,
    });
    return path;
  }
  const low = backEdgeLow(start, end, lowest);
  return [
    `M${start.x},${start.y}`,
    `C${start.x + BACK_REACH},${start.y} ${start.x + BACK_REACH},${low} ${start.x},${low}`,
    `L${end.x},${low}`,
    `C${end.x - BACK_REACH},${low} ${end.x - BACK_REACH},${end.y} ${end.x},${end.y}`,
  ].join(' ');
}

/** Where a backward edge runs back: under both steps (and never above either end). */
export function backEdgeLow(start: Point, end: Point, lowest: number): number {
  return Math.max(lowest, start.y, end.y) + BACK_GAP;
}
