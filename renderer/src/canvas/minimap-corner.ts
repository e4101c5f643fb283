// Where the minimap may sit: in a corner of the canvas where no step lies under it. Fitting keeps
// the bottom right corner clear, but a pipeline larger than the screen at the smallest fit zoom,
// or a pan, puts steps under any corner; then the minimap moves to another free corner, and with
// none free it hides rather than cover a step. (The bottom left corner holds the zoom controls.)
import type { ReactFlowState } from '@xyflow/react';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import type { Box } from './fit-pipeline.js';
import { minimapShown } from './fit-pipeline.js';
import { OVERVIEW_ZOOM } from './level-of-detail.js';

export type MinimapCorner = 'bottom-right' | 'top-right' | 'top-left';

/** Calls `visit` with each step's box (flow coordinates) until it returns false. */
export type StepWalk = (visit: (x: number, y: number, width: number, height: number) => boolean) => void;

// Top left before top right: alert toasts stack in the top right corner.
const CORNERS: readonly MinimapCorner[] = ['bottom-right', 'top-left', 'top-right'];
/** React Flow draws the minimap 200 × 150 px, 15 px from the canvas's edges. */
const MINIMAP = { width: 200, height: 150, margin: 15 };

/** The minimap's rectangle on the canvas (canvas pixels) in a corner. */
export function minimapRect(corner: MinimapCorner, canvasWidth: number, canvasHeight: number): Box {
  const x = corner === 'top-left' ? MINIMAP.margin : canvasWidth - MINIMAP.margin - MINIMAP.width;
  const y = corner === 'bottom-right' ? canvasHeight - MINIMAP.margin - MINIMAP.height : MINIMAP.margin;
  return { x, y, width: MINIMAP.width, height: MINIMAP.height };
}

/**
 * The first corner whose minimap would cover no step, or null when every corner would.
 * The steps' boxes are in flow coordinates; `transform` is the canvas's [x, y, zoom].
 */
export function freeMinimapCorner(
  forEachStep: StepWalk,
  transform: readonly [number, number, number],
  canvasWidth: number,
  canvasHeight: number,
): MinimapCorner | null {
  const [tx, ty, zoom] = transform;
  // Each corner's rectangle in flow coordinates, so a step is compared without converting it.
  const free = CORNERS.map((corner) => {
    const rect = minimapRect(corner, canvasWidth, canvasHeight);
    return {
      corner,
      left: (rect.x - tx) / zoom,
      top: (rect.y - ty) / zoom,
      right: (rect.x + rect.width - tx) / zoom,
      bottom: (rect.y + rect.height - ty) / zoom,
      clear: true,
    };
  });
  let clear = free.length;
  // Asked on every frame of a pan: a step is read where it lies, and the walk ends once every
  // corner is covered.
  forEachStep((x, y, width, height) => {
    for (const area of free) {
      if (area.clear && x < area.right && x + width > area.left && y < area.bottom && y + height > area.top) {
        area.clear = false;
        clear -= 1;
      }
    }
    return clear > 0;
  });
  return free.find((area) => area.clear)?.corner ?? null;
}

/** The steps React Flow holds, read in place. */
function nodesWalk(state: ReactFlowState): StepWalk {
  return (visit) => {
    for (const node of state.nodeLookup.values()) {
      const { x, y } = node.internals.positionAbsolute;
      if (!visit(x, y, node.measured.width ?? NODE_WIDTH, node.measured.height ?? NODE_HEIGHT)) return;
    }
  };
}

/**
 * Where the canvas shows its minimap now, or null for nowhere: not in the overview (it is the
 * whole picture already), not while the log drawer is open, and never over a step.
 */
export function minimapCornerOf(state: ReactFlowState, logOpen: boolean): MinimapCorner | null {
  if (state.transform[2] < OVERVIEW_ZOOM || !minimapShown(state.width, logOpen)) return null;
  return freeMinimapCorner(nodesWalk(state), state.transform, state.width, state.height);
}
