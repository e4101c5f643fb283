// "Re-run with these inputs" on a past run's step: the failing step runs again on the inputs it
// had, after the workspace's inputs were overwritten, and the workspace's outputs stay as they are.
import { expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

const CHECKS = `version: 1
name: checks
steps:
  prepare:
    run: cp raw.csv rows.csv
    inputs: [raw.csv]
    outputs: [rows.csv]
  check:
    run: if grep -q bad rows.csv; then echo "bad row in rows.csv"; exit 3; fi; wc -l < rows.csv > checked.txt
    inputs: [rows.csv]
    outputs: [checked.txt]
`;

test('a failed step of a past run re-runs on the inputs it had, in a scratch folder', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/checks.pipeline.yaml', CHECKS);
  workspace.write('raw.csv', 'id\n1\nbad\n');
  await page.getByTestId('pipeline-item-checks').click();
  await runPipeline(page);
  await expect(stepNode(page, 'check')).toHaveAttribute('data-status', 'failed');

  workspace.write('raw.csv', 'id\n1\n2\n');
  await runPipeline(page);
  await expect(stepNode(page, 'check')).toHaveAttribute('data-status', 'succeeded');
  expect(workspace.read('checked.txt').trim()).toBe('3');

  await page.getByTestId('tab-history').click();
  const items = page.locator('[data-testid^="history-run-"]');
  await expect(items).toHaveCount(2);
  await items.last().click();
  await expect(stepNode(page, 'check')).toHaveAttribute('data-status', 'failed');
  await stepNode(page, 'check').click();
  await page.getByTestId('step-replay-button').click();

  await expect(page.getByTestId('step-replay-note')).toContainText('.pipewright/replays/');
  await expect(stepNode(page, 'check')).toHaveAttribute('data-status', 'failed');
  await expect(stepNode(page, 'prepare')).toHaveAttribute('data-status', 'idle');
  await page.getByTestId('open-log').click();
  await expect(page.getByTestId('log-drawer')).toContainText('bad row in rows.csv');
  expect(workspace.read('checked.txt').trim()).toBe('3');
  expect(workspace.read('rows.csv')).toBe('id\n1\n2\n');
  await page.getByTestId('step-replay-note').scrollIntoViewIfNeeded();
  await screenshotBothThemes(page, 'step-replay');
});
