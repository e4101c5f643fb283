// Alert toasts where they are read and out of the way: two runs' toasts stack one under the
// other, over no control of the toolbar, the canvas (zoom buttons, minimap) or the inspector,
// and never over the bell's list of alerts they refer to. Checked with bounding boxes.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import type { Box } from './canvas-geometry.js';
import { overlaps } from './canvas-geometry.js';
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';
import type { StudioWorkspace } from './studio-fixture.js';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

test.use({
  settings: `version: 1
default_environment: dev
environments:
  dev:
    description: local development
monitoring:
  baseline: 8
  alert_on: ['metrics/*']
`,
});

const PIPELINE = `version: 1
name: scored
steps:
  score:
    run: mkdir -p metrics && cp score.json metrics/score.json
    inputs: [score.json]
    outputs: [metrics/score.json]
    metrics: [metrics/score.json]
    cache: false
`;

function cliRun(workspace: StudioWorkspace, orders: number): void {
  workspace.write('score.json', JSON.stringify({ orders, amount: orders * 2 }));
  const result = spawnSync(process.execPath, [CLI, 'run', 'scored'], { cwd: workspace.root, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

async function boxes(locator: Locator): Promise<Box[]> {
  const found: Box[] = [];
  for (const element of await locator.all()) {
    const box = await element.boundingBox();
    if (box) found.push(box);
  }
  return found;
}

/** Every visible control the toasts could sit over: buttons, inputs and the minimap. */
const controls = (page: Page) =>
  boxes(
    page
      .locator(
        '.topbar button:not(.alert-toast button), .inspector-column button, .inspector-column input, .react-flow__controls, .react-flow__minimap',
      )
      .filter({ visible: true }),
  );

test('toasts stack without covering a control, and never over the list of alerts they refer to', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/scored.pipeline.yaml', PIPELINE);
  for (const orders of [100, 102, 99, 101, 100, 102, 99, 101]) cliRun(workspace, orders);
  await page.getByTestId('pipeline-item-scored').click();
  // Two runs, each raising an alert on another metric, the second before the first toast times out.
  const toasts = page.getByTestId('alert-toast');
  for (const [index, score] of [
    { orders: 95_140, amount: 200 },
    { orders: 100, amount: 90_000 },
  ].entries()) {
    workspace.write('score.json', JSON.stringify(score));
    await runPipeline(page);
    await expect(toasts).toHaveCount(index + 1);
  }
  await expect(stepNode(page, 'score')).toHaveAttribute('data-status', 'succeeded');

  const [first, second] = await boxes(toasts);
  if (!first || !second) throw new Error('two toasts expected');
  // Stacked: one under the other, not on top of each other.
  expect(overlaps(first, second)).toBe(false);
  expect(second.y).toBeGreaterThanOrEqual(first.y + first.height);
  for (const toast of [first, second])
    for (const control of await controls(page)) expect(overlaps(toast, control)).toBe(false);
  await page.screenshot({ path: 'e2e/results/screenshots/toasts-stacked.png' });

  // The bell's list: the toasts stand aside (none over it) while it is open.
  await page.getByTestId('alerts-bell').click();
  const panel = await page.getByTestId('alerts-panel').boundingBox();
  if (!panel) throw new Error('alerts panel not visible');
  for (const toast of await boxes(toasts.filter({ visible: true }))) expect(overlaps(toast, panel)).toBe(false);
  // Both themes with the toasts still beside the open list (the shared helper dismisses toasts
  // first, and the theme button, a click outside the list, closes it).
  await page.screenshot({ path: `${SCREENSHOTS}toasts-with-bell-list-light.png` });
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('alerts-bell').click();
  await expect(page.getByTestId('alerts-panel')).toBeVisible();
  for (const toast of await boxes(toasts.filter({ visible: true }))) expect(overlaps(toast, panel)).toBe(false);
  await page.screenshot({ path: `${SCREENSHOTS}toasts-with-bell-list-dark.png` });
});
