import { describe, expect, it } from 'vitest';
import { freeMinimapCorner, minimapRect } from './minimap-corner.js';
import type { StepWalk } from './minimap-corner.js';

const step = (x: number, y: number) => ({ x, y, width: 230, height: 68 });

/** The steps of a list of boxes, as the canvas walks React Flow's. */
const boxesWalk =
  (boxes: ReadonlyArray<ReturnType<typeof step>>): StepWalk =>
  (visit) => {
    for (const box of boxes) if (!visit(box.x, box.y, box.width, box.height)) return;
  };

describe('freeMinimapCorner', () => {
  it('keeps the minimap bottom right when no step lies under it', () => {
    expect(freeMinimapCorner(boxesWalk([step(0, 0)]), [0, 0, 1], 1000, 800)).toBe('bottom-right');
  });

  it('moves it to the next free corner when a step lies under it, at the zoom and pan shown', () => {
    // At zoom 0.5 and panned by (100, 50), flow (1500, 1300) is canvas (850, 700): bottom right.
    expect(freeMinimapCorner(boxesWalk([step(1500, 1300)]), [100, 50, 0.5], 1000, 800)).toBe('top-left');
    expect(freeMinimapCorner(boxesWalk([step(1500, 1300), step(-150, -60)]), [100, 50, 0.5], 1000, 800)).toBe(
      'top-right',
    );
  });

  it('hides it (null) when a step lies under every corner', () => {
    const everywhere = Array.from({ length: 20 }, (_, row) =>
      Array.from({ length: 10 }, (_, column) => step(column * 120, row * 50)),
    ).flat();
    expect(freeMinimapCorner(boxesWalk(everywhere), [0, 0, 1], 1000, 800)).toBeNull();
  });

  it('stops reading steps once a step lies under every corner', () => {
    const corners = [step(0, 0), step(900, 0), step(900, 780)];
    const visited: number[] = [];
    const walk = (visit: (x: number, y: number, width: number, height: number) => boolean) => {
      for (const [index, box] of [...corners, step(400, 400), step(500, 500)].entries()) {
        visited.push(index);
        if (!visit(box.x, box.y, box.width, box.height)) return;
      }
    };
    expect(freeMinimapCorner(walk, [0, 0, 1], 1000, 800)).toBeNull();
    expect(visited).toEqual([0, 1, 2]);
  });

  it('places the rectangle 15 px from the edges, as React Flow draws it', () => {
    expect(minimapRect('bottom-right', 1000, 800)).toEqual({ x: 785, y: 635, width: 200, height: 150 });
    expect(minimapRect('top-left', 1000, 800)).toEqual({ x: 15, y: 15, width: 200, height: 150 });
  });
});
