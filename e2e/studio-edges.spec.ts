// A dependency drawn on the canvas is the user's to take away as it was made: a click selects a
// `needs` edge (drawn as selected), Delete or Backspace removes it from the file, and undo brings it
// back. An edge that comes from a step's inputs is not deletable: it goes with the input.
import { mkdirSync } from 'node:fs';
import { SCREENSHOTS, expect, screenshotBothThemes, stepNode, test } from './studio-fixture.js';
import type { Page } from '@playwright/test';

const PIPELINE = `version: 1
name: edges
steps:
  extract:
    run: echo a > a.txt
    outputs: [a.txt]
  audit:
    run: echo audited
    needs: [extract]
  load:
    run: cat a.txt
    inputs: [a.txt]
`;

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

const edge = (page: Page, from: string, to: string) => page.getByTestId(`rf__edge-${from}->${to}`);

/**
 * Clicks the middle of the edge's line, where no other edge passes: halfway between the middle of
 * its source's right side and the middle of its target's left side, where the handles are.
 */
async function clickEdge(page: Page, from: string, to: string): Promise<void> {
  const source = await stepNode(page, from).boundingBox();
  const target = await stepNode(page, to).boundingBox();
  if (!source || !target) throw new Error(`the steps of edge ${from}->${to} are not drawn`);
  await page.mouse.click(
    (source.x + source.width + target.x) / 2,
    (source.y + source.height / 2 + target.y + target.height / 2) / 2,
  );
}

test('a needs edge is selected by a click and removed with Delete; undo brings it back; an input edge stays', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/edges.pipeline.yaml', PIPELINE);
  // Laid out in the file, so the view does not move under the clicks.
  workspace.write(
    'pipelines/edges.layout.json',
    JSON.stringify({
      version: 1,
      positions: { extract: { x: 0, y: 100 }, audit: { x: 400, y: 0 }, load: { x: 400, y: 200 } },
    }),
  );
  await page.getByTestId('pipeline-item-edges').click();
  await expect(stepNode(page, 'audit')).toBeVisible();
  await expect(edge(page, 'extract', 'audit')).toBeVisible();

  await clickEdge(page, 'extract', 'audit');
  await expect(edge(page, 'extract', 'audit')).toHaveClass(/selected/);
  // In the accent colour, as the steps' handles are drawn, whether or not it has the focus.
  const accent = await page
    .getByTestId('handle-out-extract')
    .evaluate((handle) => getComputedStyle(handle).borderColor);
  await expect(edge(page, 'extract', 'audit').locator('.react-flow__edge-path')).toHaveCSS('stroke', accent);
  await screenshotBothThemes(page, 'edge-selected');
  await page.keyboard.press('Delete');
  await expect(edge(page, 'extract', 'audit')).toHaveCount(0);
  await expect(page.getByTestId('dirty-marker')).toHaveCount(1);
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('edges').steps.audit.needs).toBeUndefined();

  await page.keyboard.press('ControlOrMeta+z');
  await expect(edge(page, 'extract', 'audit')).toBeVisible();

  // Zoomed out to the simple level, where the canvas draws the edges itself: the same.
  while ((await stepNode(page, 'audit').getAttribute('data-detail')) !== 'simple')
    await page.locator('.react-flow__controls-zoomout').click();
  await clickEdge(page, 'extract', 'audit');
  await expect(edge(page, 'extract', 'audit')).toHaveClass(/selected/);
  await page.keyboard.press('Delete');
  await expect(edge(page, 'extract', 'audit')).toHaveCount(0);
  await page.keyboard.press('ControlOrMeta+z');
  await expect(edge(page, 'extract', 'audit')).toBeVisible();
  await expect(edge(page, 'extract', 'audit')).not.toHaveClass(/selected/);

  // The edge an input makes opens a preview of what flows along it; Backspace leaves it (and both
  // steps) in place.
  await clickEdge(page, 'extract', 'load');
  await expect(page.getByRole('dialog')).toContainText('a.txt');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.keyboard.press('Backspace');
  await expect(edge(page, 'extract', 'load')).toBeVisible();
  await expect(stepNode(page, 'load')).toBeVisible();
  await expect(stepNode(page, 'extract')).toBeVisible();
});
