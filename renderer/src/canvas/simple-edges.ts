// Where the edges of the simple level of detail run, for SimpleEdgeLayer to draw them as paths of
// one <svg>: React Flow gives every edge an <svg> of its own, and with a few hundred of them on
// screen Chromium spent most of a pan's frame deciding which of them need layers of their own.
// A simple box has a fixed size, so its ends are known without measuring it; only the edges near
// the view are drawn, over a window that moves in steps of half a screen, so a pan redraws them
// only when it crosses into the next step.
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import { backEdgeLow, edgePath } from './edge-path.js';
import type { Box } from './fit-pipeline.js';

/**
 * The simple box's handles, in flow pixels from its top left corner, as canvas.css places them:
 * 10 px wide, centred on the padding edge (inside the 10 px left border and the 1 px right one).
 */
export const SIMPLE_HANDLES = {
  target: { x: 5, y: NODE_HEIGHT / 2 - 5, width: 10, height: 10 },
  source: { x: NODE_WIDTH - 6, y: NODE_HEIGHT / 2 - 5, width: 10, height: 10 },
} as const;

/** Where an edge leaves its source (the right handle's outer side) and enters its target (the left handle's). */
export const sourceEnd = (at: NodePosition) => ({
  x: at.x + SIMPLE_HANDLES.source.x + SIMPLE_HANDLES.source.width,
  y: at.y + NODE_HEIGHT / 2,
});
export const targetEnd = (at: NodePosition) => ({ x: at.x + SIMPLE_HANDLES.target.x, y: at.y + NODE_HEIGHT / 2 });

/** The view in flow pixels: React Flow's transform [x, y, zoom] over a canvas of this size. */
export interface View {
  transform: readonly [number, number, number];
  width: number;
  height: number;
}

/**
 * The rectangle whose edges are drawn for this view: the view snapped outwards to steps of half
 * a screen, plus a step on every side. The zoom counts in doublings, so a zoom gesture redraws
 * the edges once or twice, not on every wheel step; within a doubling the window still holds the
 * view (a larger zoom shows less).
 */
export function edgeWindow({ transform, width, height }: View): Box {
  const [x, y, zoom] = transform;
  const steppedZoom = 2 ** Math.floor(Math.log2(zoom));
  const stepX = width / steppedZoom / 2;
  const stepY = height / steppedZoom / 2;
  const left = (Math.floor(-x / zoom / stepX) - 1) * stepX;
  const top = (Math.floor(-y / zoom / stepY) - 1) * stepY;
  const right = (Math.ceil((width - x) / zoom / stepX) + 1) * stepX;
  const bottom = (Math.ceil((height - y) / zoom / stepY) + 1) * stepY;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** A window as a string: equal windows are equal keys, so a selector of it re-renders only on a change. */
export const windowKey = (view: View): string => {
  const { x, y, width, height } = edgeWindow(view);
  return `${x},${y},${width},${height}`;
};

export const windowOfKey = (key: string): Box => {
  const [x = 0, y = 0, width = 0, height = 0] = key.split(',').map(Number);
  return { x, y, width, height };
};

export interface EdgeEnds {
  id: string;
  source: string;
  target: string;
}

export interface DrawnEdge<E extends EdgeEnds> {
  edge: E;
  path: string;
}

/**
 * The edges with an end in the window or crossing it, with their paths (edge-path.ts, as the
 * detailed steps' edges, so an edge looks the same at every level of detail). An edge whose step is not among
 * `positions` is not drawn.
 */
export function edgesInWindow<E extends EdgeEnds>(
  edges: readonly E[],
  positions: ReadonlyMap<string, NodePosition>,
  window: Box,
): DrawnEdge<E>[] {
  const drawn: DrawnEdge<E>[] = [];
  for (const edge of edges) {
    const from = positions.get(edge.source);
    const to = positions.get(edge.target);
    if (!from || !to) continue;
    const start = sourceEnd(from);
    const end = targetEnd(to);
    const lowest = Math.max(from.y, to.y) + NODE_HEIGHT;
    // A bezier between two points stays within their box, widened by how far its handles reach
    // out (a quarter of the distance): a generous margin. A backward edge also runs under both.
    const reach = Math.abs(end.x - start.x) / 2 + 100;
    const left = Math.min(start.x, end.x) - reach;
    const right = Math.max(start.x, end.x) + reach;
    const top = Math.min(start.y, end.y);
    const bottom = end.x < start.x ? backEdgeLow(start, end, lowest) : Math.max(start.y, end.y);
    if (right < window.x || left > window.x + window.width || bottom < window.y || top > window.y + window.height)
      continue;
    const path = edgePath(start, end, lowest);
    drawn.push({ edge, path });
  }
  return drawn;
}
