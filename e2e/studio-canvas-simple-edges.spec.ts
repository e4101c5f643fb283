// The edges of the simple level of detail (SimpleEdgeLayer), in Chromium against `pipewright
// serve`: a large pipeline opens fitted with its edges drawn in one <svg> instead of one per edge,
// each running from its source's handle to its target's as React Flow's own did; a cycle's edges
// red and above the steps; a click on an edge takes the selection from the steps, gives the edge
// the selected look and opens the preview of the file it carries; React Flow draws the edges
// again once zoomed in to edit. And a large pipeline opens without drawing steps off screen.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { cycleEdgeLook } from './cycle-edge-look.js';
import { SCREENSHOTS, expect, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/** A grid of steps, each needing the one left of it; the middle row's s12 and s13 need each other (a cycle). */
function gridWithCycle(columns: number, rows: number): { yaml: string; layout: string } {
  const lines = ['version: 1', 'name: large', 'steps:'];
  const positions: Record<string, { x: number; y: number }> = {};
  for (let column = 0; column < columns; column += 1) {
    for (let row = 0; row < rows; row += 1) {
      const id = `s${column}_${row}`;
      const needs = column > 0 ? [`s${column - 1}_${row}`] : [];
      if (id === 's12_20') needs.push('s13_20');
      lines.push(`  ${id}:`, `    run: echo ${id}`);
      if (needs.length > 0) lines.push(`    needs: [${needs.join(', ')}]`);
      // One edge also carries a file, so a click on it opens its preview.
      if (id === 's10_20') lines.push('    outputs: [out/s10_20.txt]');
      if (id === 's11_20') lines.push('    inputs: [out/s10_20.txt]');
      positions[id] = { x: column * 300, y: row * 100 };
    }
  }
  return { yaml: `${lines.join('\n')}\n`, layout: JSON.stringify({ version: 1, positions }) };
}

/** Where an edge's line starts and ends on screen, and where its source's and target's handles are. */
async function edgeEndsAndHandles(page: Page, from: string, to: string) {
  return page.getByTestId(`rf__edge-${from}->${to}`).evaluate(
    (edge, ids) => {
      const path = edge.querySelector('.react-flow__edge-path') as SVGPathElement;
      const matrix = path.getScreenCTM() as DOMMatrix;
      const at = (length: number) => {
        const point = path.getPointAtLength(length).matrixTransform(matrix);
        return { x: point.x, y: point.y };
      };
      const handle = (id: string, kind: string) => {
        const box = (
          document.querySelector(`[data-id="${id}"] .react-flow__handle.${kind}`) as HTMLElement
        ).getBoundingClientRect();
        // React Flow ends an edge on the outer side of a handle, at its middle.
        return { x: kind === 'source' ? box.right : box.left, y: box.top + box.height / 2 };
      };
      return {
        start: at(0),
        end: at(path.getTotalLength()),
        source: handle(ids.from, 'source'),
        target: handle(ids.to, 'target'),
      };
    },
    { from, to },
  );
}

const near = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1;

test('a large pipeline opens fitted with its edges in one layer, joined to the steps, a cycle red above them; clicking an edge selects it', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(120_000);
  const { yaml, layout } = gridWithCycle(25, 40);
  workspace.write('pipelines/large.pipeline.yaml', yaml);
  workspace.write('pipelines/large.layout.json', layout);
  await page.getByTestId('pipeline-item-large').click();
  await expect(stepNode(page, 's12_20')).toHaveAttribute('data-detail', 'simple');

  // One <svg> for the plain edges and one for the cycle's, none of React Flow's own.
  await expect(page.locator('.simple-edges')).toHaveCount(2);
  await expect(page.locator('.react-flow__edges .react-flow__edge')).toHaveCount(0);
  const plain = page.locator('.simple-edges:not(.simple-edges-cycle) .react-flow__edge');
  expect(await plain.count()).toBeGreaterThan(100);

  const ends = await edgeEndsAndHandles(page, 's11_20', 's12_20');
  expect(near(ends.start, ends.source), JSON.stringify(ends)).toBe(true);
  expect(near(ends.end, ends.target), JSON.stringify(ends)).toBe(true);

  // The cycle: both its edges red, in the layer above the steps.
  const cycle = page.locator('.react-flow__edge.edge-cycle');
  await expect(cycle).toHaveCount(2);
  const look = await cycleEdgeLook(cycle.first());
  expect(look.stroke).toBe(look.red);
  expect(look.layerZ).toBeGreaterThan(1000);
  await expect(plain.first().locator('xpath=ancestor::*[name()="svg"][1]')).toHaveCSS('z-index', '-1');

  // A click on an edge: the selected step is no longer selected, and the edge looks selected.
  await stepNode(page, 's10_20').click();
  await expect(stepNode(page, 's10_20')).toHaveClass(/selected/);
  const edge = page.getByTestId('rf__edge-s10_20->s11_20');
  const strokeOf = () => edge.locator('.react-flow__edge-path').evaluate((path) => getComputedStyle(path).stroke);
  const plainStroke = await strokeOf();
  const box = await stepNode(page, 's10_20').boundingBox();
  const next = await stepNode(page, 's11_20').boundingBox();
  if (!box || !next) throw new Error('the steps are not on screen');
  // Halfway between the two boxes, on the straight edge between them.
  await page.mouse.click((box.x + box.width + next.x) / 2, box.y + box.height / 2);
  await expect(stepNode(page, 's10_20')).not.toHaveClass(/selected/);
  await expect(edge).toBeFocused();
  // The edge's click, not the pane's: it carries a file, and its preview opens.
  await expect(page.getByTestId('preview')).toHaveAttribute('data-path', 'out/s10_20.txt');
  await page.getByTestId('preview-close').click();
  // Focused again (closing the preview took the focus), it keeps the selected look.
  await edge.focus();
  expect(await strokeOf()).not.toBe(plainStroke);
  await screenshotBothThemes(page, 'canvas-simple-edges');

  // Zoomed in to edit, React Flow draws the edges again.
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let wheel = 0; wheel < 30 && (await page.locator('[data-detail="detailed"]').count()) === 0; wheel += 1) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(200);
  }
  await expect(page.locator('[data-detail="detailed"]').first()).toBeVisible();
  await expect(page.locator('.simple-edges')).toHaveCount(0);
  await expect(page.locator('.react-flow__edges .react-flow__edge').first()).toBeAttached();
});

test('a large pipeline opens drawing only the steps on screen, not every step to measure it', async ({
  studio: page,
  workspace,
}) => {
  const { yaml, layout } = gridWithCycle(25, 40);
  workspace.write('pipelines/large.pipeline.yaml', yaml);
  workspace.write('pipelines/large.layout.json', layout);
  await page.evaluate(() => {
    const seen = new Set<string>();
    (window as unknown as { stepsMounted: Set<string> }).stepsMounted = seen;
    new MutationObserver((records) => {
      for (const record of records)
        for (const added of record.addedNodes)
          if (added instanceof HTMLElement)
            for (const node of [added, ...added.querySelectorAll<HTMLElement>('.react-flow__node')])
              if (node.classList.contains('react-flow__node')) seen.add(node.dataset.id ?? '');
    }).observe(document.body, { childList: true, subtree: true });
  });
  await page.getByTestId('pipeline-item-large').click();
  await expect(stepNode(page, 's12_20')).toHaveAttribute('data-detail', 'simple');
  await page.waitForTimeout(500);
  const onScreen = await page.locator('.react-flow__node').count();
  const mounted = await page.evaluate(() => (window as unknown as { stepsMounted: Set<string> }).stepsMounted.size);
  expect(onScreen).toBeGreaterThan(100);
  expect(mounted).toBe(onScreen);

  // Out to the overview (React Flow's nodes hidden) and back: again only the steps on screen.
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let wheel = 0; wheel < 20 && (await page.locator('.react-flow__node').count()) > 0; wheel += 1) {
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(200);
  }
  await expect(page.getByTestId('canvas-overview')).toBeVisible();
  await page.evaluate(() => (window as unknown as { stepsMounted: Set<string> }).stepsMounted.clear());
  for (let wheel = 0; wheel < 20 && (await page.locator('[data-detail="simple"]').count()) === 0; wheel += 1) {
    await page.mouse.wheel(0, -120);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(500);
  const again = await page.evaluate(() => (window as unknown as { stepsMounted: Set<string> }).stepsMounted.size);
  expect(again).toBeGreaterThan(0);
  expect(again).toBeLessThan(1000);
});
