// The pipeline as the zoomed-out canvas draws it: one box per step and one line per edge, in
// flow coordinates. Below OVERVIEW_ZOOM (level-of-detail.ts) a step is too small to read, and a thousand of
// them as DOM nodes cost every frame of a pan (React Flow's per-node store subscriptions, paint
// and hit testing of each node and edge); drawn as one picture they cost one redraw.
import type { StepStatus } from '../../../shared/run/run-types.js';
import type { StepMark } from '../git/step-marks.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import type { StepEdge, StepNode } from './flow-model.js';

export interface OverviewBox {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  status: StepStatus | null;
  mark: StepMark | null;
  selected: boolean;
  problems: boolean;
}

export interface OverviewLine {
  from: { x: number; y: number };
  to: { x: number; y: number };
  /** A data edge (inferred from files) is dashed, a needs edge solid, as on the detailed canvas. */
  dashed: boolean;
  flowing: boolean;
  /** On a cycle: drawn in red above the steps. */
  cycle: boolean;
}

export interface OverviewScene {
  boxes: OverviewBox[];
  lines: OverviewLine[];
}

export function overviewScene(nodes: readonly StepNode[], edges: readonly StepEdge[]): OverviewScene {
  const boxes = nodes.map((node): OverviewBox => ({
    id: node.id,
    x: node.position.x,
    y: node.position.y,
    width: node.measured?.width ?? NODE_WIDTH,
    height: node.measured?.height ?? NODE_HEIGHT,
    status: node.data.run?.status ?? null,
    mark: node.data.mark,
    selected: node.selected === true,
    problems: node.data.errors > 0,
  }));
  const byId = new Map(boxes.map((box) => [box.id, box]));
  const lines = edges.flatMap((edge): OverviewLine[] => {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    if (!source || !target) return [];
    return [
      {
        from: { x: source.x + source.width, y: source.y + source.height / 2 },
        to: { x: target.x, y: target.y + target.height / 2 },
        dashed: !edge.data?.explicit,
        flowing: edge.animated === true,
        cycle: edge.className?.includes('edge-cycle') === true,
      },
    ];
  });
  return { boxes, lines };
}

/** The step drawn at a point of the flow, the topmost (last drawn) first; null on empty canvas. */
export function stepAt(scene: OverviewScene, point: { x: number; y: number }): string | null {
  for (let index = scene.boxes.length - 1; index >= 0; index -= 1) {
    const box = scene.boxes[index];
    if (box && point.x >= box.x && point.x <= box.x + box.width && point.y >= box.y && point.y <= box.y + box.height)
      return box.id;
  }
  return null;
}

/** The part of the flow on screen, for [x, y, zoom] and the canvas size. */
export function visibleRect(
  transform: readonly [number, number, number],
  width: number,
  height: number,
): { x: number; y: number; width: number; height: number } {
  const [tx, ty, zoom] = transform;
  return { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
}

export function intersects(
  box: { x: number; y: number; width: number; height: number },
  rect: { x: number; y: number; width: number; height: number },
): boolean {
  return (
    box.x < rect.x + rect.width &&
    box.x + box.width > rect.x &&
    box.y < rect.y + rect.height &&
    box.y + box.height > rect.y
  );
}

/** How many steps are on screen for [x, y, zoom] and the canvas size. */
export function stepsOnScreen(
  scene: OverviewScene,
  transform: readonly [number, number, number],
  width: number,
  height: number,
): number {
  const screen = visibleRect(transform, width, height);
  let count = 0;
  for (const box of scene.boxes) if (intersects(box, screen)) count += 1;
  return count;
}
