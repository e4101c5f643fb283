// How a cycle's edge is drawn, read in the page: its stroke against the studio's failure red,
// the z-index of the <svg> layer holding it (above the steps when it is over 1000), and whether
// its line runs through a step.
import type { Locator } from '@playwright/test';

export function cycleEdgeLook(edge: Locator): Promise<{ stroke: string; red: string; layerZ: number }> {
  return edge.evaluate((element) => {
    const path = element.querySelector('.react-flow__edge-path') as SVGPathElement;
    const probe = document.createElement('span');
    probe.style.color = 'var(--status-failed)';
    document.body.append(probe);
    const red = getComputedStyle(probe).color;
    probe.remove();
    const layer = element.closest('svg') as SVGSVGElement;
    return { stroke: getComputedStyle(path).stroke, red, layerZ: Number(getComputedStyle(layer).zIndex) };
  });
}

/**
 * How many of `samples` points along the edge's line lie inside the element's box on screen: an
 * edge drawn through a step crosses its name. The box is taken 12 px in from its sides, where the
 * handles an edge ends at stand on the border.
 */
export function edgePointsInside(edge: Locator, element: Locator, samples = 200): Promise<number> {
  return element.boundingBox().then((box) => {
    if (!box) throw new Error('the step is not on screen');
    return edge.evaluate(
      (node, { box, samples }) => {
        const path = node.querySelector('.react-flow__edge-path') as SVGPathElement;
        const matrix = path.getScreenCTM();
        if (!matrix) throw new Error('the edge is not on screen');
        const length = path.getTotalLength();
        let inside = 0;
        for (let index = 0; index <= samples; index += 1) {
          const at = path.getPointAtLength((length * index) / samples).matrixTransform(matrix);
          const across = at.x > box.x + 12 && at.x < box.x + box.width - 12;
          if (across && at.y > box.y && at.y < box.y + box.height) inside += 1;
        }
        return inside;
      },
      { box, samples },
    );
  });
}
