// Fitting the view to a pipeline: the viewport that shows every step, computed from where the
// steps are (their measured size, else the layout's), so it does not wait for React Flow to
// measure nodes it never draws (off screen, or hidden by the zoomed-out overview). Fitting stops
// at FIT_MIN_ZOOM, where steps can still be read (a larger pipeline is then shown from its
// middle), and keeps the steps clear of the minimap in the bottom right corner.
import { getViewportForBounds } from '@xyflow/react';
import type { Viewport } from '@xyflow/react';
import type { NodePosition } from '../../../shared/pipeline/layout.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import { FIT_MIN_ZOOM } from './level-of-detail.js';

/** The zoom range of the canvas; fitting never zooms in past 100% (one step alone stays its natural size). */
export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 2;
const FIT_MAX_ZOOM = 1;
const FIT_PADDING = 0.15;
/** The minimap's width plus its margins (React Flow draws it 200 px wide, 15 px from the edges). */
export const MINIMAP_RESERVE = 230;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const boxOfNode = (node: { position: NodePosition; measured?: { width?: number; height?: number } }): Box => ({
  x: node.position.x,
  y: node.position.y,
  width: node.measured?.width ?? NODE_WIDTH,
  height: node.measured?.height ?? NODE_HEIGHT,
});

export const boxAt = (position: NodePosition): Box => ({ ...position, width: NODE_WIDTH, height: NODE_HEIGHT });

/**
 * Whether the canvas shows its minimap: not while the log drawer takes the bottom of the canvas
 * (the minimap would sit over the steps left above it), nor on a canvas too narrow to spare it.
 */
export const minimapShown = (width: number, logOpen: boolean): boolean => !logOpen && width >= 3 * MINIMAP_RESERVE;

/** The minimap's height plus its margins (150 px tall, 15 px from the edges). */
export const MINIMAP_RESERVE_HEIGHT = 180;

/**
 * The viewport showing every box in a canvas of this size, or null when there is nothing to show.
 * With `minimap`, the steps are kept clear of its corner: fitted either left of its column or
 * above its row, whichever shows them larger.
 */
export function fittedViewport(boxes: readonly Box[], width: number, height: number, minimap = false): Viewport | null {
  const bounds = boundsOf(boxes);
  if (bounds === null || width <= 0 || height <= 0) return null;
  const fit = (free: { width: number; height: number }) =>
    getViewportForBounds(bounds, free.width, free.height, FIT_MIN_ZOOM, FIT_MAX_ZOOM, FIT_PADDING);
  if (!minimap) return fit({ width, height });
  const left = fit({ width: width - MINIMAP_RESERVE, height });
  const above = fit({ width, height: height - MINIMAP_RESERVE_HEIGHT });
  return above.zoom > left.zoom ? above : left;
}

/** The rectangle holding every box, or null when there is none. */
export function boundsOf(boxes: readonly Box[]): Box | null {
  if (boxes.length === 0) return null;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const box of boxes) {
    left = Math.min(left, box.x);
    top = Math.min(top, box.y);
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/** Where the pipeline lies ("minX,minY,maxX,maxY", rounded): it changes when steps move, e.g. by an auto-layout. */
export function extentOf(boxes: readonly Box[]): string {
  const bounds = boundsOf(boxes);
  return bounds === null
    ? ''
    : [bounds.x, bounds.y, bounds.x + bounds.width, bounds.y + bounds.height].map(Math.round).join(',');
}
