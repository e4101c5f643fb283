// Failures that explain themselves and alerts people keep reading, as a person meets them in the
// studio: why a step failed (on its node and in the inspector), each attempt of a retried step
// in its log, honest progress of a failed run, the log one click (or Shift+L) away, one alert that
// counts its repeats, a legend for every mark of the control chart, and notices that go away by
// themselves unless they report an error.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';
import type { StudioWorkspace } from './studio-fixture.js';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

const FAILING_PIPELINE = `version: 1
name: nightly
steps:
  prepare:
    run: echo "inputs ready"
  load:
    run: echo "loading the warehouse"; nonexistent_tool_xyz --all
    needs: [prepare]
  report:
    run: echo never
    needs: [load]
  publish:
    run: echo never
    needs: [report]
`;

test('a failed step says why on its node and in the inspector; progress counts it and the skipped steps; its log is one click or Shift+L away', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/nightly.pipeline.yaml', FAILING_PIPELINE);
  await page.getByTestId('pipeline-item-nightly').click();
  await runPipeline(page, { noCache: true });
  await expect(stepNode(page, 'publish')).toHaveAttribute('data-status', 'skipped');
  await expect(stepNode(page, 'load')).toHaveAttribute('data-status', 'failed');

  // Honest progress: one done, one failed, two skipped; never "4/4 done".
  const progress = page.getByTestId('run-progress-text');
  await expect(progress).toContainText('1/4 done');
  await expect(progress).toContainText('1 failed');
  await expect(progress).toContainText('2 skipped');
  await expect(progress).not.toContainText('4/4');

  // Fitted to the window the steps are simple boxes, and a step that ran still has its log icon:
  // one click opens its log, without changing the selection.
  await expect(stepNode(page, 'load')).toHaveAttribute('data-detail', 'simple');
  await screenshotBothThemes(page, 'failure-simple-nodes');
  await page.getByTestId('node-log-load').click();
  await expect(page.getByTestId('log-title')).toHaveText('load');
  await expect(page.getByTestId('log-drawer')).toContainText('loading the warehouse');
  await expect(page.getByTestId('log-drawer')).toContainText('not found');
  await expect(page.getByTestId('step-run-result')).toHaveCount(0);
  await page.getByTestId('log-close').click();
  await expect(page.getByTestId('log-drawer')).toHaveCount(0);
  await expect(page.getByTestId('node-log-report')).toHaveCount(0);

  // Zoomed in, the node says why in words; the inspector adds the last error line of the log.
  const canvas = await page.getByTestId('canvas').boundingBox();
  if (!canvas) throw new Error('canvas not visible');
  await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
  for (
    let wheel = 0;
    wheel < 10 && (await stepNode(page, 'load').getAttribute('data-detail')) !== 'detailed';
    wheel += 1
  ) {
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(200);
  }
  await expect(stepNode(page, 'load')).toHaveAttribute('data-detail', 'detailed');
  await expect(page.getByTestId('node-failure-load')).toContainText('`nonexistent_tool_xyz` not found');
  await stepNode(page, 'load').click();
  await expect(page.getByTestId('step-failure-cause')).toContainText('`nonexistent_tool_xyz` not found');
  await expect(page.getByTestId('step-failure-last-line')).toContainText('nonexistent_tool_xyz: not found');
  await expect(page.getByTestId('step-run-result')).toContainText('exit 127');
  await screenshotBothThemes(page, 'failure-summary');

  // Shift+L opens the log of the selected step.
  await stepNode(page, 'prepare').click();
  await page.keyboard.press('Shift+L');
  await expect(page.getByTestId('log-title')).toHaveText('prepare');
  await expect(page.getByTestId('log-drawer')).toContainText('inputs ready');
  await screenshotBothThemes(page, 'failure-progress-log');
});

test('a retried step marks each attempt in its log, and the drawer shows one attempt or all', async ({
  studio: page,
  workspace,
}) => {
  workspace.write(
    'pipelines/flaky.pipeline.yaml',
    `version: 1
name: flaky
steps:
  fetch:
    run: echo "calling the API"; echo "request failed with 503" >&2; exit 3
    retries: 1
    retry_delay: 1s
`,
  );
  await page.getByTestId('pipeline-item-flaky').click();
  await runPipeline(page, { noCache: true });
  await expect(stepNode(page, 'fetch')).toHaveAttribute('data-status', 'failed');
  await stepNode(page, 'fetch').click();
  await expect(page.getByTestId('step-run-result')).toContainText('2 attempts');
  await expect(page.getByTestId('step-failure-last-line')).toContainText('request failed with 503');

  await page.getByTestId('node-log-fetch').click();
  const drawer = page.getByTestId('log-drawer');
  const headers = drawer.getByTestId('log-attempt-header');
  await expect(headers).toHaveCount(2);
  await expect(headers.nth(0)).toContainText('attempt 1');
  await expect(headers.nth(1)).toContainText('attempt 2');
  await expect(drawer.getByTestId('log-line').filter({ hasText: 'calling the API' })).toHaveCount(2);
  await expect(page.getByTestId('log-attempt')).toHaveValue('');
  await expect(page.getByTestId('log-attempt').locator('option')).toHaveText([
    'All 2 attempts',
    'Attempt 1',
    'Attempt 2',
  ]);
  await screenshotBothThemes(page, 'failure-attempts-all');

  await page.getByTestId('log-attempt').selectOption('2');
  await expect(headers).toHaveCount(1);
  await expect(headers).toContainText('attempt 2');
  await expect(drawer.getByTestId('log-line').filter({ hasText: 'calling the API' })).toHaveCount(1);
  await expect(drawer).toContainText('3 lines');
  await screenshotBothThemes(page, 'failure-attempts-one');

  await page.getByTestId('log-attempt').selectOption('');
  await expect(headers).toHaveCount(2);
});

// A metrics file whose score the test sets before each run; only it raises alerts.
const MONITORED_SETTINGS = `version: 1
default_environment: dev
environments:
  dev:
    description: local development
monitoring:
  baseline: 8
  alert_on: ['metrics/*']
`;

const SCORED_PIPELINE = `version: 1
name: scored
steps:
  score:
    run: mkdir -p metrics && cp score.json metrics/score.json
    inputs: [score.json]
    outputs: [metrics/score.json]
    metrics: [metrics/score.json]
    cache: false
`;

const scoreMetric = 'metrics/score.json:orders';

function cliRun(workspace: StudioWorkspace, orders: number): void {
  workspace.write('score.json', JSON.stringify({ orders }));
  const result = spawnSync(process.execPath, [CLI, 'run', 'scored'], { cwd: workspace.root, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

test.describe('alerts', () => {
  test.use({ settings: MONITORED_SETTINGS });

  test('a value that stays out of control is one open alert counting its repeats, in numbers for people; the chart has a legend for every mark', async ({
    studio: page,
    workspace,
  }) => {
    workspace.write('pipelines/scored.pipeline.yaml', SCORED_PIPELINE);
    // A baseline with one wild run in it (Phase I leaves it out of the limits), then the same
    // out-of-control value twice: once from the CLI, once from the studio.
    for (const orders of [100, 102, 99, 2000, 101, 100, 102, 99]) cliRun(workspace, orders);
    cliRun(workspace, 95_140);
    await page.getByTestId('pipeline-item-scored').click();
    workspace.write('score.json', JSON.stringify({ orders: 95_140 }));
    await runPipeline(page);
    await expect(stepNode(page, 'score')).toHaveAttribute('data-status', 'succeeded');
    // The repeat is news on the canvas: a toast that goes by itself (the bell keeps the alert).
    const toast = page.getByTestId('alert-toast');
    await expect(toast).toContainText('Out of control in scored');
    await expect(toast).toHaveCount(0, { timeout: 12_000 });
    await expect(page.getByTestId('alerts-count')).toHaveText('1');

    await page.getByTestId('tab-monitor').click();
    const dashboard = page.getByTestId('monitor-page');
    await dashboard.getByTestId('monitor-refresh').click();
    await expect(dashboard.getByTestId('trend-bar')).toHaveCount(10);
    const alerts = dashboard.getByTestId('pipeline-alerts').getByTestId('alert-item');
    await expect(alerts).toHaveCount(1);
    await expect(alerts.getByTestId('alert-repeats')).toHaveText('×2');
    await expect(alerts).toContainText('95,140');
    await expect(alerts).not.toContainText(/e\+\d/);

    const row = dashboard.locator(`[data-testid="metric-row"][data-step="score"][data-metric="${scoreMetric}"]`);
    await expect(row).toHaveAttribute('data-state', 'out-of-control');
    await row.click();
    const card = dashboard.getByTestId('chart-card');
    await expect(card).toHaveAttribute('data-metric', scoreMetric);
    // The wild baseline run is drawn as left out of the limits, not as a third flagged point.
    await expect(card.getByTestId('chart-flagged-point')).toHaveCount(2);
    await expect(card.getByTestId('chart-dropped-point')).toHaveCount(1);
    await expect(card.getByTestId('series-badge')).toContainText('2 points');
    await expect(card.getByTestId('chart-reliability')).toContainText('left out');
    // Every mark on the chart has its legend entry.
    const legend = card.getByTestId('chart-legend');
    for (const mark of ['point', 'baseline', 'dropped', 'flagged', 'center', 'limit'])
      await expect(legend.getByTestId(`legend-${mark}`)).toBeVisible();
    await expect(card).not.toContainText(/e\+\d/);
    // The far-off points squeeze the limits against the centre: only its label is drawn, not three on top of each other.
    await expect(card.getByTestId('individuals-chart').locator('text.chart-line-label')).toHaveText(['CL 100.4']);
    await screenshotBothThemes(page, 'alerts-grouped-chart');

    // The notification centre lists the same one alert with its count.
    await page.getByTestId('tab-pipelines').click();
    await expect(page.getByTestId('alerts-count')).toHaveText('1');
    await page.getByTestId('alerts-bell').click();
    const item = page.getByTestId('alerts-panel').getByTestId('alert-item');
    await expect(item).toHaveCount(1);
    await expect(item.getByTestId('alert-repeats')).toHaveText('×2');
    await expect(item).toContainText('95,140');
    await expect(item).toContainText('scored · score');
    await screenshotBothThemes(page, 'alerts-grouped-bell');
  });
});

test.describe('alerts after a warned baseline run', () => {
  test.use({ settings: MONITORED_SETTINGS });

  test('a baseline run that warned sets no limits: the later out-of-control value is one grouped alert', async ({
    studio: page,
    workspace,
  }) => {
    // The same pipeline, with a warn-severity check that a score is not a test value (2000).
    workspace.write(
      'pipelines/scored.pipeline.yaml',
      `${SCORED_PIPELINE}    tests:\n      - name: not a test value\n        command: "! grep -q 2000 metrics/score.json"\n        severity: warn\n`,
    );
    for (const orders of [100, 102, 99, 2000, 101, 100, 102, 99]) cliRun(workspace, orders);
    cliRun(workspace, 95_140);
    const runs = spawnSync(process.execPath, [CLI, 'runs', 'list', '--pipeline', 'scored', '--json'], {
      cwd: workspace.root,
      encoding: 'utf8',
    });
    expect(runs.stdout.match(/"status": ?"warned"/g), 'the 2000 run warned').toHaveLength(1);
    await page.getByTestId('pipeline-item-scored').click();
    workspace.write('score.json', JSON.stringify({ orders: 95_140 }));
    await runPipeline(page);
    await expect(stepNode(page, 'score')).toHaveAttribute('data-status', 'succeeded');
    // Two open alerts: the warned run's test, and one out-of-control alert counting its repeat.
    await expect(page.getByTestId('alerts-count')).toHaveText('2');

    await page.getByTestId('tab-monitor').click();
    const dashboard = page.getByTestId('monitor-page');
    await dashboard.getByTestId('monitor-refresh').click();
    const alerts = dashboard.getByTestId('pipeline-alerts').getByTestId('alert-item');
    await expect(alerts).toHaveCount(2);
    await expect(alerts.filter({ hasText: 'not a test value' })).toHaveCount(1);
    const outOfControl = alerts.filter({ hasText: 'out of control' });
    await expect(outOfControl).toHaveCount(1);
    await expect(outOfControl.getByTestId('alert-repeats')).toHaveText('×2');
    await expect(outOfControl).toContainText('95,140');
    await expect(outOfControl).toContainText('centre 100.4');
    const row = dashboard.locator(`[data-testid="metric-row"][data-step="score"][data-metric="${scoreMetric}"]`);
    await row.click();
    const card = dashboard.getByTestId('chart-card');
    // The warned run's 2000 is charted but left out of the limits: the centre stays at the good runs'.
    await expect(card.getByTestId('chart-flagged-point')).toHaveCount(2);
    await expect(card.getByTestId('individuals-chart').locator('text.chart-line-label')).toHaveText(['CL 100.4']);
    await expect(card.getByTestId('chart-reliability')).toContainText('left out');
    await screenshotBothThemes(page, 'alerts-grouped-after-warned-baseline');
  });
});

test('an error notice stays until it is dismissed; passing news goes by itself', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/scored.pipeline.yaml', SCORED_PIPELINE);
  workspace.write('pipelines/taken.pipeline.yaml', 'version: 1\nname: taken\nsteps:\n  a:\n    run: echo a\n');
  await page.getByTestId('pipeline-item-scored').click();
  await page.getByTestId('pipeline-rename-scored').click({ force: true });
  await page.getByTestId('rename-pipeline-name').fill('taken');
  await page.getByTestId('rename-pipeline-name').press('Enter');
  const error = page.getByTestId('notice').filter({ hasText: 'a pipeline named "taken" already exists' });
  await expect(error).toBeVisible();

  // A monitored series given a new baseline says so in passing.
  workspace.write('score.json', JSON.stringify({ orders: 100 }));
  await runPipeline(page);
  await expect(stepNode(page, 'score')).toHaveAttribute('data-status', 'succeeded');
  await page.getByTestId('tab-monitor').click();
  await page.getByTestId('metric-row').filter({ hasText: 'orders' }).click();
  await page.getByTestId('chart-reset-baseline').click();
  const info = page.getByTestId('notice').filter({ hasText: 'New baseline for' });
  await expect(info).toBeVisible();
  await expect(info).toHaveCount(0, { timeout: 10_000 });
  // Long after the passing news went, the error is still there until its close button.
  await expect(error).toBeVisible();
  await error.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});
