// How a cycle's edge is drawn, read in the page: its stroke against the studio's failure red,
// and the z-index of the <svg> layer holding it (above the steps when it is over 1000).
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
