// Data tests in the studio: a not_null and a row_count test added through their forms, saved,
// run on the local runner, judged on the canvas badge and in the run's test report; then a
// tightened bound fails the step.
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';

const PIPELINE = `version: 1
name: orders
steps:
  make:
    run: mkdir -p data && printf 'id,amount\\n1,10\\n2,20\\n3,\\n' > data/orders.csv
    outputs: [data/orders.csv]
`;

test('data tests are added through forms, run, and reported with what they observed', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/orders.pipeline.yaml', PIPELINE);
  await page.getByTestId('pipeline-item-orders').click();
  await stepNode(page, 'make').click();
  const panel = page.getByTestId('step-panel');

  // A not_null test: the kind menu, the file filled in from the step's output, the columns.
  await panel.getByTestId('test-add').click();
  await expect(panel.getByTestId('test-kind-menu')).toContainText('The columns have no nulls');
  await panel.getByTestId('test-kind-menu').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}data-tests-kind-menu.png` });
  await panel.getByTestId('test-add-not_null').click();
  await expect(panel.getByTestId('test-0-path')).toHaveValue('data/orders.csv');
  await expect(panel.getByTestId('test-row-0')).toContainText('missing required field "columns"');
  await panel.getByTestId('test-0-columns').fill('id');
  await panel.getByTestId('test-name-0').fill('ids present');
  await expect(panel.getByTestId('test-stage-0').locator('option').first()).toHaveText('auto (output)');

  // A row_count test with both bounds.
  await panel.getByTestId('test-add').click();
  await panel.getByTestId('test-add-row_count').click();
  await panel.getByTestId('test-name-1').fill('row count');
  await panel.getByTestId('test-1-min').fill('1');
  await panel.getByTestId('test-1-max').fill('10');
  await expect(page.getByTestId('problems-panel')).not.toContainText('tests');
  await panel.getByTestId('test-row-1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}data-tests-form.png` });

  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('orders').steps.make.tests).toEqual([
    { name: 'ids present', not_null: { path: 'data/orders.csv', columns: ['id'] } },
    { name: 'row count', row_count: { path: 'data/orders.csv', min: 1, max: 10 } },
  ]);

  await runPipeline(page);
  await expect(stepNode(page, 'make')).toHaveAttribute('data-status', /succeeded|failed|warned/);
  const badge = page.getByTestId('test-badge-make');
  await expect(badge, 'the engine reports a result for each data test').toHaveAttribute('data-state', 'passed');
  await expect(badge).toHaveAttribute('title', '2 tests: 2 passed');
  await expect(stepNode(page, 'make')).toHaveAttribute('data-status', 'succeeded');
  await expect(panel.getByTestId('test-observed-1')).toHaveText('3');

  // The run's report: every test with what it observed against what passes.
  await page.getByTestId('tab-history').click();
  await page.getByTestId('history-test-report').click();
  const report = page.getByTestId('test-report');
  await expect(report.getByTestId('test-report-row')).toHaveCount(2);
  const notNull = report.locator('[data-testid="test-report-row"][data-step="make"][data-test="ids present"]');
  const rowCount = report.locator('[data-testid="test-report-row"][data-step="make"][data-test="row count"]');
  await expect(notNull).toHaveAttribute('data-outcome', 'passed');
  await expect(notNull).toHaveAttribute('data-observed', '0');
  await expect(notNull).toContainText('not_null');
  await expect(rowCount).toHaveAttribute('data-outcome', 'passed');
  await expect(rowCount).toHaveAttribute('data-observed', '3');
  await expect(rowCount).toContainText('output');
  await expect(report.getByTestId('test-report-summary')).toHaveText('2 tests: 2 passed');
  await page.screenshot({ path: `${SCREENSHOTS}data-tests-report.png` });
  await report.getByTestId('test-report-close').click();
  await expect(report).toHaveCount(0);

  // A bound the data does not meet: the error test fails, and so does the step.
  await stepNode(page, 'make').click();
  await panel.getByTestId('test-1-max').fill('2');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('orders').steps.make.tests[1].row_count).toEqual({
    path: 'data/orders.csv',
    min: 1,
    max: 2,
  });
  await runPipeline(page);
  await expect(badge).toHaveAttribute('data-state', 'failed');
  await expect(badge).toHaveAttribute('title', '2 tests: 1 passed, 1 failed');
  await expect(stepNode(page, 'make')).toHaveAttribute('data-status', 'failed');
  await expect(panel.getByTestId('test-result-1')).toHaveAttribute('data-outcome', 'failed');
  await page.getByTestId('step-test-report').click();
  await expect(rowCount).toHaveAttribute('data-outcome', 'failed');
  await expect(rowCount).toHaveAttribute('data-observed', '3');
  await page.screenshot({ path: `${SCREENSHOTS}data-tests-report-failed.png` });
  await page.getByTestId('test-report-close').click();
  await expect(panel.getByTestId('test-result-1')).toContainText('expected 1 to 2 rows');
  await panel.getByTestId('test-result-1').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}data-tests-step-failed.png` });
});
