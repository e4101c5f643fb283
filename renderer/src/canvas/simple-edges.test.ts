import { Position, getBezierPath } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { UNMEASURED_HANDLES } from './flow-model.js';
import { edgeWindow, edgesInWindow, sourceEnd, targetEnd, windowKey, windowOfKey } from './simple-edges.js';
import type { View } from './simple-edges.js';

const view = (x: number, y: number, zoom: number): View => ({ transform: [x, y, zoom], width: 1000, height: 800 });

/** The part of the flow a view shows. */
const shown = ({ transform: [x, y, zoom], width, height }: View) => ({
  x: -x / zoom,
  y: -y / zoom,
  width: width / zoom,
  height: height / zoom,
});

const contains = (outer: ReturnType<typeof shown>, inner: ReturnType<typeof shown>) =>
  outer.x <= inner.x &&
  outer.y <= inner.y &&
  outer.x + outer.width >= inner.x + inner.width &&
  outer.y + outer.height >= inner.y + inner.height;

describe('the edges of the simple level', () => {
  it("run from the outer side of the source's right handle to the target's left one, where React Flow ends them", () => {
    // Measured in Chromium on a simple box at (2400, 500): React Flow drew s8 -> s9 from (2634, 534) to (2705, 534).
    expect(sourceEnd({ x: 2400, y: 500 })).toEqual({ x: 2634, y: 534 });
    expect(targetEnd({ x: 2700, y: 500 })).toEqual({ x: 2705, y: 534 });
    // React Flow, told UNMEASURED_HANDLES, ends an edge at the same points (its handle position rules).
    const [target, source] = UNMEASURED_HANDLES;
    expect(target).toMatchObject({ type: 'target', position: Position.Left });
    expect(source).toMatchObject({ type: 'source', position: Position.Right });
    expect({ x: (source?.x ?? 0) + (source?.width ?? 0), y: (source?.y ?? 0) + (source?.height ?? 0) / 2 }).toEqual(
      sourceEnd({ x: 0, y: 0 }),
    );
    expect({ x: target?.x, y: (target?.y ?? 0) + (target?.height ?? 0) / 2 }).toEqual(targetEnd({ x: 0, y: 0 }));
  });

  it("are drawn as React Flow's default bezier between their ends", () => {
    const positions = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 300, y: 200 }],
    ]);
    const [drawn] = edgesInWindow([{ id: 'a->b', source: 'a', target: 'b' }], positions, edgeWindow(view(0, 0, 0.5)));
    const [path] = getBezierPath({
      sourceX: 234,
      sourceY: 34,
      sourcePosition: Position.Right,
      targetX: 305,
      targetY: 234,
      targetPosition: Position.Left,
    });
    expect(drawn?.path).toBe(path);
  });

  it('are drawn over a window holding the view at every zoom of its step, which a small pan keeps', () => {
    for (const zoom of [0.26, 0.3, 0.41, 0.5, 0.81]) {
      for (const [x, y] of [
        [0, 0],
        [-1234, 567],
        [4321, -8765],
      ] as const) {
        const at = view(x, y, zoom);
        expect(contains(edgeWindow(at), shown(at))).toBe(true);
      }
    }
    const start = view(-2100, -1000, 0.3);
    expect(windowKey(view(-2110, -1004, 0.3))).toBe(windowKey(start));
    expect(windowKey(view(-2100, -1000, 0.301))).toBe(windowKey(start));
    expect(windowKey(view(-2600, -1000, 0.3))).not.toBe(windowKey(start));
    expect(windowOfKey(windowKey(start))).toEqual(edgeWindow(start));
  });

  it('leaves out edges far from the window and edges of steps it does not know, and keeps one crossing it', () => {
    const positions = new Map([
      ['left', { x: -5000, y: 0 }],
      ['right', { x: 5000, y: 0 }],
      ['near', { x: 100, y: 100 }],
      ['far', { x: 90_000, y: 90_000 }],
      ['farther', { x: 95_000, y: 90_000 }],
    ]);
    const edges = [
      { id: 'left->right', source: 'left', target: 'right' },
      { id: 'near->far', source: 'near', target: 'far' },
      { id: 'far->farther', source: 'far', target: 'farther' },
      { id: 'ghost->near', source: 'ghost', target: 'near' },
    ];
    const drawn = edgesInWindow(edges, positions, { x: 0, y: 0, width: 1000, height: 1000 });
    expect(drawn.map(({ edge }) => edge.id)).toEqual(['left->right', 'near->far']);
  });
});
