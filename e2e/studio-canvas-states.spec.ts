// The fitted canvas of a pipeline too large for detailed nodes: a failed step says why in words
// on its simple box (readable at the fitted zoom, in full as its accessible name), and the
// minimap never lies over a step — it moves to a free corner, or hides when there is none.
import { mkdirSync } from 'node:fs';
import { READABLE_PX, gridPipeline, overlaps, stepsUnderMinimap, zoomOf } from './canvas-geometry.js';
import { SCREENSHOTS, expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

test('a failed step in the fitted simple view says why in words, readable at that zoom and as its accessible name', async ({
  studio: page,
  workspace,
}) => {
  const { yaml, layout } = gridPipeline('grid', 4, 4, (id) =>
    id === 's1_1' ? 'pwx' : id === 's2_3' ? 'echo broken >&2; exit 3' : `echo ${id}`,
  );
  workspace.write('pipelines/grid.pipeline.yaml', yaml);
  workspace.write('pipelines/grid.layout.json', layout);
  await page.getByTestId('pipeline-item-grid').click();
  await expect(stepNode(page, 's1_1')).toHaveAttribute('data-detail', 'simple');
  await runPipeline(page);
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-run-status', 'failed');
  await page.getByTestId('fit-button').click();

  const missing = page.getByTestId('node-cause-s1_1');
  await expect(missing).toHaveText('pwx not found');
  await expect(page.getByTestId('node-cause-s2_3')).toHaveText('exit code 3');
  // Readable: its font on screen is at least READABLE_PX, and it is not cut short.
  const { fontPx, cut } = await missing.evaluate((cause) => ({
    fontPx: parseFloat(getComputedStyle(cause).fontSize),
    cut: cause.scrollWidth > cause.clientWidth,
  }));
  expect(fontPx * (await zoomOf(page))).toBeGreaterThanOrEqual(READABLE_PX);
  expect(cut).toBe(false);
  // The whole cause, for a screen reader and as the tooltip.
  await expect(stepNode(page, 's1_1')).toHaveAttribute('aria-label', /^s1_1: failed, `pwx` not found on PATH/);
  await expect(missing).toHaveAttribute('title', /`pwx` not found on PATH/);
  await expect(page.getByTestId('node-log-s1_1')).toBeVisible();
  await screenshotBothThemes(page, 'canvas-simple-failed-cause');
});

test('the minimap never covers a step: it moves to a free corner, and hides when no corner is free', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(120_000);
  // Larger than the screen at the smallest fit zoom (30 %): steps lie under every corner.
  const large = gridPipeline('large', 12, 30, (id) => `echo ${id}`);
  workspace.write('pipelines/large.pipeline.yaml', large.yaml);
  workspace.write('pipelines/large.layout.json', large.layout);
  const small = gridPipeline('small', 3, 3, (id) => `echo ${id}`);
  workspace.write('pipelines/small.pipeline.yaml', small.yaml);
  workspace.write('pipelines/small.layout.json', small.layout);

  await page.getByTestId('pipeline-item-large').click();
  await expect(stepNode(page, 's6_15')).toHaveAttribute('data-detail', 'simple');
  expect(await zoomOf(page)).toBeCloseTo(0.3, 2);
  expect(await stepsUnderMinimap(page)).toEqual([]);
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  await screenshotBothThemes(page, 'canvas-minimap-hidden-large');

  // A small pipeline fits clear of the minimap, bottom right.
  await page.getByTestId('pipeline-item-small').click();
  await expect(stepNode(page, 's2_2')).toBeVisible();
  const minimap = page.locator('.react-flow__minimap');
  await expect(minimap).toBeVisible();
  await expect(minimap).toHaveClass(/bottom right/);
  expect(await stepsUnderMinimap(page)).toEqual([]);

  // Panned so that steps lie under the bottom right corner: the minimap goes to the top left.
  const canvas = await page.getByTestId('canvas').boundingBox();
  const last = await stepNode(page, 's2_2').boundingBox();
  const map = await minimap.boundingBox();
  if (!canvas || !last || !map) throw new Error('canvas, step or minimap not visible');
  // From the empty top of the canvas (the steps sit in the middle, the minimap bottom right).
  const start = { x: canvas.x + canvas.width / 2, y: canvas.y + 90 };
  const shift = { x: map.x + 40 - (last.x + last.width), y: map.y + 40 - (last.y + last.height) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + shift.x, start.y + shift.y, { steps: 10 });
  await page.mouse.up();
  await expect(minimap).toHaveClass(/top left/);
  expect(await stepsUnderMinimap(page)).toEqual([]);
  const moved = await stepNode(page, 's2_2').boundingBox();
  if (!moved) throw new Error('step not visible');
  expect(overlaps(moved, map)).toBe(true);
  await screenshotBothThemes(page, 'canvas-minimap-moved');
});
