// The canvas at any size, in Chromium against `pipewright serve`: step ids readable after fit
// view (the simple boxes of the level of detail on a 1,000-step pipeline, the detailed nodes on
// the sample), the minimap standing aside for the log drawer and clear of the steps, a cycle's
// edges red and above the steps, and an empty pipeline saying how to start.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { READABLE_PX, gridPipeline, idScreenPx, stepsUnderMinimap } from './canvas-geometry.js';
import { cycleEdgeLook, edgePointsInside } from './cycle-edge-look.js';
import { SCREENSHOTS, expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/**
 * Whether a step's id is cut off by its box: a line more than the clamp shows (a word too wide
 * for the box is broken onto another line). Glyphs may reach a pixel or two past the line box.
 */
const idClipped = (page: Page, stepId: string): Promise<boolean> =>
  page
    .getByTestId(`node-label-${stepId}`)
    .evaluate((label) => label.scrollHeight > label.clientHeight + parseFloat(getComputedStyle(label).fontSize) / 2);

test('a 1,000-step pipeline opens fitted with readable ids as simple boxes; zoomed out it is the overview, zoomed in the detailed nodes', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(180_000);
  const { yaml, layout } = gridPipeline('large', 25, 40);
  workspace.write('pipelines/large.pipeline.yaml', yaml);
  workspace.write('pipelines/large.layout.json', layout);
  await page.getByTestId('pipeline-item-large').click();

  const middle = stepNode(page, 's12_20');
  await expect(middle).toHaveAttribute('data-detail', 'simple');
  expect(await idScreenPx(page, 's12_20')).toBeGreaterThanOrEqual(READABLE_PX);
  // Simple boxes: no badges, chips or visible handles.
  await expect(middle.locator('.env-chip, .test-badge, .step-node-command')).toHaveCount(0);
  await expect(middle.locator('.react-flow__handle').first()).toBeHidden();
  await screenshotBothThemes(page, 'canvas-large-fitted');

  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  const overview = page.getByTestId('canvas-overview');
  const drawnInOverview = () =>
    page.evaluate(() => document.querySelector('[data-testid="canvas-overview"]')?.getAttribute('data-drawn') ?? null);
  for (let wheel = 0; wheel < 20 && (await drawnInOverview()) !== '1000'; wheel += 1) {
    await page.mouse.wheel(0, 240);
    await page.waitForTimeout(200);
  }
  await expect(overview).toHaveAttribute('data-drawn', '1000');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await screenshotBothThemes(page, 'canvas-large-overview');

  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (let wheel = 0; wheel < 30 && (await page.locator('[data-detail="detailed"]').count()) === 0; wheel += 1) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(200);
  }
  await expect(page.locator('[data-detail="detailed"]').first()).toBeVisible();
  await expect(page.locator('[data-detail="simple"]')).toHaveCount(0);

  await page.getByTestId('fit-button').click();
  await expect(middle).toHaveAttribute('data-detail', 'simple');
  await expect.poll(() => idScreenPx(page, 's12_20')).toBeGreaterThanOrEqual(READABLE_PX);
});

test.describe('the sample pipeline', () => {
  test.use({ template: 'sales' });

  test('fits with readable ids clear of the minimap, which hides while the log drawer is open', async ({
    studio: page,
  }) => {
    test.setTimeout(120_000);
    await page.getByTestId('pipeline-item-sales').click();
    await expect(stepNode(page, 'ingest')).toBeVisible();
    await page.getByTestId('fit-button').click();
    await page.waitForTimeout(400);
    expect(await idScreenPx(page, 'ingest')).toBeGreaterThanOrEqual(READABLE_PX);
    // Whole ids at the simple level: "customers" alone is wider than the box at the large size.
    await expect(page.locator('[data-detail="simple"]').first()).toBeVisible();
    for (const id of ['ingest', 'clean', 'top_customers', 'revenue_by_region', 'report'])
      expect(await idClipped(page, id), `${id} is cut off`).toBe(false);
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    expect(await stepsUnderMinimap(page)).toEqual([]);
    await screenshotBothThemes(page, 'canvas-sample-fitted');

    await runPipeline(page);
    await expect(page.getByTestId('run-progress')).toHaveAttribute('data-run-status', 'succeeded', { timeout: 60_000 });
    await stepNode(page, 'ingest').click();
    await page.getByTestId('open-log').click();
    await expect(page.getByTestId('log-drawer')).toBeVisible();
    await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
    await page.getByTestId('fit-button').click();
    await page.waitForTimeout(400);
    await screenshotBothThemes(page, 'canvas-sample-log-open');

    await page.getByTestId('log-close').click();
    await page.getByTestId('fit-button').click();
    await page.waitForTimeout(400);
    await expect(page.locator('.react-flow__minimap')).toBeVisible();
    expect(await stepsUnderMinimap(page)).toEqual([]);
  });
});

test("a cycle's edges are red and drawn above the steps", async ({ studio: page, workspace }) => {
  workspace.write(
    'pipelines/loop.pipeline.yaml',
    'version: 1\nname: loop\nsteps:\n  start:\n    run: echo start\n  a:\n    run: echo a\n    needs: [start, c]\n  b:\n    run: echo b\n    needs: [a]\n  c:\n    run: echo c\n    needs: [b]\n',
  );
  await page.getByTestId('pipeline-item-loop').click();
  await expect(page.getByTestId('problems-panel')).toContainText('the steps form a cycle');
  const cycle = page.locator('.react-flow__edge.edge-cycle');
  await expect(cycle).toHaveCount(3);
  await expect(page.locator('.react-flow__edge:not(.edge-cycle)')).toHaveCount(1);
  const look = await cycleEdgeLook(cycle.first());
  expect(look.stroke).toBe(look.red);
  // Above the steps: React Flow draws nodes at z-index 0 (selected ones a little higher).
  expect(look.layerZ).toBeGreaterThan(1000);
  // The edge closing the cycle runs back under the row, not through the steps and their names.
  const back = page.getByTestId('rf__edge-c->a');
  for (const step of ['a', 'b', 'c']) expect(await edgePointsInside(back, stepNode(page, step)), step).toBe(0);
  await screenshotBothThemes(page, 'canvas-cycle');
});

test('an empty pipeline says how to start, with no empty minimap, and the hint goes once a step exists', async ({
  studio: page,
}) => {
  await page.getByTestId('new-pipeline-button').click();
  await page.getByTestId('new-pipeline-name').fill('fresh');
  await page.getByTestId('new-pipeline-name-ok').click();
  const start = page.getByTestId('canvas-start');
  const minimap = page.locator('.react-flow__minimap');
  await expect(start).toContainText('Drag a step here');
  await expect(minimap).toHaveCount(0);
  await screenshotBothThemes(page, 'canvas-empty-start');
  await page.getByTestId('start-template-shell').click();
  await expect(stepNode(page, 'shell')).toBeVisible();
  await expect(start).toHaveCount(0);
  await expect(minimap).toBeVisible();
  await page.getByTestId('undo-button').click();
  await expect(start).toBeVisible();
  await expect(minimap).toHaveCount(0);
});
