// Model tests in the studio: a metric test added through its form (the file filled in from the
// step's metrics file), run on the local runner, its observed value in the step panel and the
// run's test report; then a bound the model does not meet fails the step. Both themes.
import { SCREENSHOTS, expect, screenshotBothThemes, runPipeline, stepNode, test } from './studio-fixture.js';

const PIPELINE = `version: 1
name: model
steps:
  evaluate:
    run: sh evaluate.sh
    outputs: [metrics/evaluation.json]
    metrics: [metrics/evaluation.json]
`;

test.use({ colorScheme: 'light' });

test('a metric test is added through its form, run, and fails when the model falls short', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/model.pipeline.yaml', PIPELINE);
  workspace.write(
    'evaluate.sh',
    `mkdir -p metrics && printf '{"auc": 0.83, "test": {"f1": 0.61}}' > metrics/evaluation.json\n`,
  );
  await page.getByTestId('pipeline-item-model').click();
  await stepNode(page, 'evaluate').click();
  const panel = page.getByTestId('step-panel');

  await panel.getByTestId('test-add').click();
  await expect(panel.getByTestId('test-kind-menu')).toContainText('A model test');
  await panel.getByTestId('test-add-metric').click();
  await expect(panel.getByTestId('test-0-file')).toHaveValue('metrics/evaluation.json');
  await expect(panel.getByTestId('test-row-0')).toContainText('missing required field "key"');
  await panel.getByTestId('test-0-key').fill('test.f1');
  await panel.getByTestId('test-0-min').fill('0.5');
  await panel.getByTestId('test-name-0').fill('model F1');
  await expect(page.getByTestId('problems-panel')).not.toContainText('tests');
  await panel.getByTestId('test-row-0').scrollIntoViewIfNeeded();
  await screenshotBothThemes(page, 'model-tests-form');

  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('model').steps.evaluate.tests).toEqual([
    { name: 'model F1', metric: { file: 'metrics/evaluation.json', key: 'test.f1', min: 0.5 } },
  ]);

  await runPipeline(page);
  const badge = page.getByTestId('test-badge-evaluate');
  await expect(badge).toHaveAttribute('data-state', 'passed');
  await expect(stepNode(page, 'evaluate')).toHaveAttribute('data-status', 'succeeded');
  await expect(panel.getByTestId('test-observed-0')).toHaveText('0.61');

  // A bound the model does not meet: the error test fails the step, the report says why.
  await panel.getByTestId('test-0-min').fill('0.7');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await runPipeline(page);
  await expect(badge).toHaveAttribute('data-state', 'failed');
  await expect(stepNode(page, 'evaluate')).toHaveAttribute('data-status', 'failed');
  await expect(panel.getByTestId('test-result-0')).toContainText('expected at least 0.7');
  await page.getByTestId('step-test-report').click();
  const row = page
    .getByTestId('test-report')
    .locator('[data-testid="test-report-row"][data-step="evaluate"][data-test="model F1"]');
  await expect(row).toHaveAttribute('data-outcome', 'failed');
  await expect(row).toHaveAttribute('data-observed', '0.61');
  await expect(row).toContainText('metric');
  // The report is a dialog over the theme switch: it is closed to switch, then opened again.
  await page.screenshot({ path: `${SCREENSHOTS}model-tests-report-failed-light.png` });
  await page.getByTestId('test-report-close').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('step-test-report').click();
  await expect(row).toHaveAttribute('data-outcome', 'failed');
  await page.screenshot({ path: `${SCREENSHOTS}model-tests-report-failed-dark.png` });
});
