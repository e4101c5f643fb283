// Draws the overview scene (overview-scene.ts) on a 2D canvas for the current pan and zoom:
// edges batched into one path per style, step boxes with their status bar, selection and diff
// marks, and step ids once they can be read. Only what is on screen is drawn.
import type { StepStatus } from '../../../shared/run/run-types.js';
import type { StepMark } from '../git/step-marks.js';
import type { OverviewBox, OverviewScene } from './overview-scene.js';
import { intersects, visibleRect } from './overview-scene.js';

export interface OverviewColors {
  background: string;
  surface: string;
  border: string;
  edge: string;
  text: string;
  accent: string;
  status: Record<StepStatus, string>;
  mark: Record<StepMark, string>;
  problem: string;
}

const STATUSES: readonly StepStatus[] = [
  'pending',
  'running',
  'succeeded',
  'failed',
  'cached',
  'skipped',
  'cancelled',
  'interrupted',
  'warned',
  'skipped-condition',
];
const MARK_COLOR: Record<StepMark, keyof OverviewColors['status']> = {
  added: 'succeeded',
  changed: 'warned',
  removed: 'failed',
  conflict: 'failed',
  differs: 'running',
};

/** The theme's colours, read from the CSS variables the detailed canvas uses. */
export function overviewColors(element: Element): OverviewColors {
  const style = getComputedStyle(element);
  const read = (name: string) => style.getPropertyValue(name).trim() || '#888';
  // cast: Object.fromEntries types its keys as string; every status is given its colour here
  const status = Object.fromEntries(STATUSES.map((each) => [each, read(`--status-${each}`)])) as Record<
    StepStatus,
    string
  >;
  return {
    background: read('--bg'),
    surface: read('--surface'),
    border: read('--border-strong'),
    edge: read('--text-3'),
    text: read('--text'),
    accent: read('--accent'),
    status,
    // cast: as above, every mark of MARK_COLOR is given its status's colour
    mark: Object.fromEntries(Object.entries(MARK_COLOR).map(([mark, each]) => [mark, status[each]])) as Record<
      StepMark,
      string
    >,
    problem: status.failed,
  };
}

/** Step ids are written once they are at least this many screen pixels tall. */
const READABLE_PX = 6;
const ID_FONT = 20;

/** Draws the scene; returns how many steps are on screen (drawn). */
export function drawOverview(
  context: CanvasRenderingContext2D,
  scene: OverviewScene,
  transform: readonly [number, number, number],
  size: { width: number; height: number; pixelRatio: number },
  colors: OverviewColors,
): number {
  const [tx, ty, zoom] = transform;
  const { width, height, pixelRatio } = size;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width * pixelRatio, height * pixelRatio);
  context.setTransform(pixelRatio * zoom, 0, 0, pixelRatio * zoom, pixelRatio * tx, pixelRatio * ty);
  const screen = visibleRect(transform, width, height);
  const pixel = 1 / zoom;

  // Edges first, under the boxes: one path per style.
  for (const style of ['solid', 'dashed', 'flowing'] as const) {
    context.beginPath();
    for (const line of scene.lines) {
      if ((line.flowing ? 'flowing' : line.dashed ? 'dashed' : 'solid') !== style) continue;
      const left = Math.min(line.from.x, line.to.x);
      const top = Math.min(line.from.y, line.to.y);
      if (
        !intersects(
          { x: left, y: top, width: Math.abs(line.to.x - line.from.x), height: Math.abs(line.to.y - line.from.y) + 1 },
          screen,
        )
      )
        continue;
      const bend = Math.max(Math.abs(line.to.x - line.from.x) / 2, 20);
      context.moveTo(line.from.x, line.from.y);
      context.bezierCurveTo(line.from.x + bend, line.from.y, line.to.x - bend, line.to.y, line.to.x, line.to.y);
    }
    context.setLineDash(style === 'dashed' ? [4 * pixel, 3 * pixel] : []);
    context.lineWidth = (style === 'flowing' ? 2 : 1) * pixel;
    context.strokeStyle = style === 'flowing' ? colors.status.running : colors.edge;
    context.stroke();
  }
  context.setLineDash([]);

  const shown = scene.boxes.filter((box) => intersects(box, screen));
  context.beginPath();
  for (const box of shown) context.rect(box.x, box.y, box.width, box.height);
  context.fillStyle = colors.surface;
  context.fill();
  context.lineWidth = pixel;
  context.strokeStyle = colors.border;
  context.stroke();

  // The status bar on the left of each step, one fill per status.
  const bar = Math.max(4, 3 * pixel);
  const byColor = new Map<string, OverviewBox[]>();
  for (const box of shown) {
    const color = box.status ? colors.status[box.status] : colors.border;
    const boxes = byColor.get(color);
    if (boxes) boxes.push(box);
    else byColor.set(color, [box]);
  }
  for (const [color, boxes] of byColor) {
    context.beginPath();
    for (const box of boxes) context.rect(box.x, box.y, bar, box.height);
    context.fillStyle = color;
    context.fill();
  }

  outline(
    context,
    shown.filter((box) => box.problems && !box.selected),
    colors.problem,
    2 * pixel,
    [],
  );
  for (const [mark, color] of Object.entries(colors.mark)) {
    outline(
      context,
      shown.filter((box) => box.mark === mark),
      color,
      3 * pixel,
      mark === 'removed' ? [4 * pixel, 3 * pixel] : [],
    );
  }
  outline(
    context,
    shown.filter((box) => box.selected),
    colors.accent,
    3 * pixel,
    [],
  );

  // Edges on a cycle over the boxes, in red, so the loop can be followed across them.
  const cycle = scene.lines.filter((line) => line.cycle);
  if (cycle.length > 0) {
    context.beginPath();
    for (const line of cycle) {
      const bend = Math.max(Math.abs(line.to.x - line.from.x) / 2, 20);
      context.moveTo(line.from.x, line.from.y);
      context.bezierCurveTo(line.from.x + bend, line.from.y, line.to.x - bend, line.to.y, line.to.x, line.to.y);
    }
    context.lineWidth = 3 * pixel;
    context.strokeStyle = colors.problem;
    context.stroke();
  }

  if (ID_FONT * zoom >= READABLE_PX) {
    context.fillStyle = colors.text;
    context.font = `600 ${ID_FONT}px system-ui, sans-serif`;
    context.textBaseline = 'middle';
    for (const box of shown) context.fillText(box.id, box.x + bar + 8, box.y + box.height / 2, box.width - bar - 14);
  }
  return shown.length;
}

function outline(
  context: CanvasRenderingContext2D,
  boxes: readonly OverviewBox[],
  color: string,
  lineWidth: number,
  dash: number[],
): void {
  if (boxes.length === 0) return;
  context.beginPath();
  for (const box of boxes) context.rect(box.x, box.y, box.width, box.height);
  context.setLineDash(dash);
  context.lineWidth = lineWidth;
  context.strokeStyle = color;
  context.stroke();
  context.setLineDash([]);
}
