import { describe, expect, it } from 'vitest';
import { NODE_HEIGHT, NODE_WIDTH } from '../layout/node-size.js';
import {
  MINIMAP_RESERVE,
  MINIMAP_RESERVE_HEIGHT,
  boxOfNode,
  extentOf,
  fittedViewport,
  minimapShown,
} from './fit-pipeline.js';
import { FIT_MIN_ZOOM, detailAt } from './level-of-detail.js';
import type { StepEdge, StepNode } from './flow-model.js';
import { intersects, overviewScene, stepAt, visibleRect } from './overview-scene.js';

const node = (id: string, x: number, y: number, extra: Partial<StepNode['data']> = {}, selected = false): StepNode => ({
  id,
  type: 'step',
  position: { x, y },
  selected,
  data: { id, step: { run: 'true' }, environment: null, run: null, errors: 0, mark: null, ...extra },
});

describe('the zoomed-out overview', () => {
  it('draws a box per step and a line per edge, needs solid, data edges dashed, cycle edges marked', () => {
    const edges: StepEdge[] = [
      { id: 'a->b', source: 'a', target: 'b', data: { explicit: true, via: [] } },
      {
        id: 'b->c',
        source: 'b',
        target: 'c',
        data: { explicit: false, via: ['x.csv'] },
        animated: true,
        className: 'edge-data edge-cycle',
      },
      { id: 'c->gone', source: 'c', target: 'gone' },
    ];
    const scene = overviewScene([node('a', 0, 0), node('b', 300, 0, { errors: 2 }, true), node('c', 600, 100)], edges);
    expect(scene.boxes.map((box) => [box.id, box.width, box.height, box.selected, box.problems])).toEqual([
      ['a', NODE_WIDTH, NODE_HEIGHT, false, false],
      ['b', NODE_WIDTH, NODE_HEIGHT, true, true],
      ['c', NODE_WIDTH, NODE_HEIGHT, false, false],
    ]);
    expect(scene.lines).toEqual([
      {
        from: { x: NODE_WIDTH, y: NODE_HEIGHT / 2 },
        to: { x: 300, y: NODE_HEIGHT / 2 },
        dashed: false,
        flowing: false,
        cycle: false,
      },
      {
        from: { x: 300 + NODE_WIDTH, y: NODE_HEIGHT / 2 },
        to: { x: 600, y: 100 + NODE_HEIGHT / 2 },
        dashed: true,
        flowing: true,
        cycle: true,
      },
    ]);
    expect(extentOf(scene.boxes)).toBe(`0,0,${600 + NODE_WIDTH},${100 + NODE_HEIGHT}`);
  });

  it('finds the step under a click, and nothing on empty canvas', () => {
    const scene = overviewScene([node('a', 0, 0), node('b', 100, 10)], []);
    expect(stepAt(scene, { x: 5, y: 5 })).toBe('a');
    expect(stepAt(scene, { x: 150, y: 20 })).toBe('b');
    expect(stepAt(scene, { x: 1000, y: 1000 })).toBeNull();
  });

  it('knows what is on screen for a pan and zoom', () => {
    const screen = visibleRect([-100, -50, 0.5], 800, 600);
    expect(screen).toEqual({ x: 200, y: 100, width: 1600, height: 1200 });
    expect(intersects({ x: 0, y: 90, width: 250, height: 80 }, screen)).toBe(true);
    expect(intersects({ x: 0, y: 90, width: 150, height: 80 }, screen)).toBe(false);
    expect(intersects({ x: 300, y: 0, width: 250, height: 80 }, screen)).toBe(false);
  });
});

describe('fitting the view to a pipeline', () => {
  it('never zooms past 100% for a few steps, nor out past the readable zoom for a thousand (shown from their middle)', () => {
    expect(fittedViewport([boxOfNode(node('a', 0, 0))], 1000, 700)?.zoom).toBe(1);
    const grid = Array.from({ length: 1000 }, (_, index) =>
      boxOfNode(node(`s${index}`, Math.floor(index / 40) * 300, (index % 40) * 100)),
    );
    const viewport = fittedViewport(grid, 1000, 700);
    expect(viewport?.zoom).toBe(FIT_MIN_ZOOM);
    expect(detailAt(viewport?.zoom ?? 0)).toBe('simple');
    // The middle of the pipeline (x 3,715 of 7,430) is in the middle of the canvas.
    expect((viewport?.x ?? 0) + 3715 * FIT_MIN_ZOOM).toBeCloseTo(500, 0);
    expect(fittedViewport([], 1000, 700)).toBeNull();
  });

  it('keeps a tall pipeline left of the minimap column and a wide one above its row', () => {
    const column = [boxOfNode(node('a', 0, 0)), boxOfNode(node('b', 0, 1500))];
    const tall = fittedViewport(column, 1200, 700, true);
    if (!tall) throw new Error('no viewport');
    expect(tall.x + 230 * tall.zoom).toBeLessThanOrEqual(1200 - MINIMAP_RESERVE);
    const row = [boxOfNode(node('a', 0, 0)), boxOfNode(node('b', 2000, 0))];
    const wide = fittedViewport(row, 1200, 700, true);
    if (!wide) throw new Error('no viewport');
    expect(wide.y + 68 * wide.zoom).toBeLessThanOrEqual(700 - MINIMAP_RESERVE_HEIGHT);
    expect(wide.zoom).toBeCloseTo(fittedViewport(row, 1200, 700)?.zoom ?? 0, 5);
  });

  it('shows the minimap only with the log drawer closed and room beside the steps', () => {
    expect(minimapShown(1200, false)).toBe(true);
    expect(minimapShown(1200, true)).toBe(false);
    expect(minimapShown(500, false)).toBe(false);
  });
});
