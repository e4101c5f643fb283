// Monitoring in the studio: a step's output rows charted run after run (the runs made by the
// CLI, as CI on the same machine would), the baseline filling, then a run from the studio whose
// row count drifts: the flagged point on the control chart, the toast, the bell and its panel,
// and acknowledging the alert.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SCREENSHOTS, expect, runPipeline, test } from './studio-fixture.js';
import type { StudioWorkspace } from './studio-fixture.js';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

// Only the row counts raise alerts, so the durations (which jitter from run to run) leave the
// bell's count to the drift this test makes.
const SETTINGS = `version: 1
default_environment: dev
environments:
  dev:
    description: local development
monitoring:
  baseline: 5
  alert_on: ['rows:*']
`;

const PIPELINE = `version: 1
name: orders
steps:
  copy:
    run: cp data/in.csv data/out.csv
    inputs: [data/in.csv]
    outputs: [data/out.csv]
    cache: false
    tests:
      - name: rows present
        row_count: { path: data/out.csv, min: 1 }
`;

function orders(rows: number): string {
  return (
    ['id,amount', ...Array.from({ length: rows }, (_, index) => `${index + 1},${(index * 7) % 50}`)].join('\n') + '\n'
  );
}

function cliRun(workspace: StudioWorkspace): void {
  const result = spawnSync(process.execPath, [CLI, 'run', 'orders'], { cwd: workspace.root, encoding: 'utf8' });
  expect(result.status, result.stdout + result.stderr).toBe(0);
}

const rowsMetric = 'rows:data/out.csv';

test.use({ settings: SETTINGS, viewport: { width: 1280, height: 800 } });

test('a drifting row count is flagged on its control chart, raises an alert in the bell, and is acknowledged', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/orders.pipeline.yaml', PIPELINE);
  workspace.write('data/in.csv', orders(100));
  await page.getByTestId('pipeline-item-orders').click();

  await page.getByTestId('tab-monitor').click();
  const dashboard = page.getByTestId('monitor-page');
  await expect(dashboard.getByTestId('monitor-pipeline')).toHaveText('orders');
  await expect(dashboard.getByTestId('monitor-environment')).toHaveValue('dev');
  await expect(dashboard.getByTestId('run-trend')).toContainText('No runs of this pipeline in this environment yet.');
  await expect(page.getByTestId('alerts-count')).toHaveCount(0);

  // Four runs: the baseline is not full, so the chart says how far it has come instead of limits.
  for (let run = 0; run < 4; run += 1) cliRun(workspace);
  await dashboard.getByTestId('monitor-refresh').click();
  await expect(dashboard.getByTestId('trend-bar')).toHaveCount(4);
  const rowsRow = dashboard.locator(`[data-testid="metric-row"][data-step="copy"][data-metric="${rowsMetric}"]`);
  await expect(rowsRow).toHaveAttribute('data-state', 'baseline');
  await rowsRow.click();
  const card = dashboard.getByTestId('chart-card');
  await expect(card).toHaveAttribute('data-metric', rowsMetric);
  await expect(card.getByTestId('chart-baseline')).toContainText('4 of 5 baseline runs');
  await expect(card.getByTestId('chart-point')).toHaveCount(4);

  // Two more: the limits are set from the first five runs and the sixth is in control.
  for (let run = 0; run < 2; run += 1) cliRun(workspace);
  await dashboard.getByTestId('monitor-refresh').click();
  await expect(dashboard.getByTestId('trend-count-pass')).toHaveText('6 passed');
  await expect(rowsRow).toHaveAttribute('data-state', 'in-control');
  await expect(card.getByTestId('chart-limits')).toContainText('centre 100');
  await expect(card.getByTestId('chart-flagged-point')).toHaveCount(0);

  // The input grows by half and the next run, started here, is flagged as it finishes.
  workspace.write('data/in.csv', orders(150));
  // No toast: the dashboard open beside the canvas lists the alert already.
  await runPipeline(page);
  await expect(page.getByTestId('alerts-count')).toHaveText('1');
  // The Monitor view is open, so the alert shows in its list and no toast covers it.
  await expect(page.getByTestId('alert-toast')).toHaveCount(0);
  await expect(rowsRow).toHaveAttribute('data-state', 'out-of-control');
  await expect(dashboard.getByTestId('trend-bar')).toHaveCount(7);
  const flagged = card.getByTestId('chart-flagged-point');
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toHaveAttribute('data-rules', '1');
  await expect(flagged.locator('title')).toContainText('rule 1: a point beyond the 3-sigma limits');
  await expect(card.getByTestId('chart-point')).toHaveCount(6);
  await expect(dashboard.getByTestId('pipeline-alerts').getByTestId('alert-item')).toHaveCount(1);
  await flagged.hover();
  await expect(page.getByTestId('chart-tooltip')).toContainText('Run 7');
  await page.screenshot({ path: `${SCREENSHOTS}monitoring-dashboard.png` });

  // The notification centre, from elsewhere in the studio: the alert, and a click back to its chart.
  await page.getByTestId('tab-pipelines').click();
  await expect(dashboard).toHaveCount(0);
  await page.getByTestId('alerts-bell').click();
  const panel = page.getByTestId('alerts-panel');
  const item = panel.getByTestId('alert-item');
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Out of control');
  await expect(item).toContainText('orders · copy · rows of data/out.csv');
  await expect(item).toContainText('150');
  await page.screenshot({ path: `${SCREENSHOTS}monitoring-notification-centre.png` });
  await item.getByTestId('alert-open').click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('monitor-page').getByTestId('chart-card')).toHaveAttribute('data-metric', rowsMetric);
  await expect(page.getByTestId('chart-flagged-point')).toHaveCount(1);

  // Acknowledged: the bell has nothing open, and neither has the dashboard.
  await page.getByTestId('alerts-bell').click();
  await panel.getByTestId('alert-acknowledge').click();
  await expect(page.getByTestId('alerts-count')).toHaveCount(0);
  await expect(panel).toContainText('No open alerts.');
  await expect(page.getByTestId('pipeline-alerts').getByTestId('alert-item')).toHaveCount(0);
  // The point stays flagged: acknowledging says someone looked, not that the data is back.
  await expect(page.getByTestId('chart-flagged-point')).toHaveCount(1);
});
