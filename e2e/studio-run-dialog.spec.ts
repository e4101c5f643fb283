// The run dialog shows, for the environment picked, the value each param will run with and where
// it comes from (pipeline default, environment, typed override); a param no source gives a value
// holds the run back; and the run uses exactly the values shown.
import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect, stepNode, test } from './studio-fixture.js';

test.use({
  settings: `version: 1
environments:
  dev:
    description: local development
  staging:
    description: like production, smaller
    params: { rate: 0.2, region: us }
`,
});

const PIPELINE = `version: 1
name: priced
params:
  rate: { type: number, default: 0.1 }
  region: { type: string, default: all, enum: [all, eu, us] }
  label: { type: string }
steps:
  price:
    run: echo "rate=$PW_PARAM_RATE region=$PW_PARAM_REGION label=$PW_PARAM_LABEL" > priced.txt
    outputs: [priced.txt]
`;

/** The dialog as it is now, in `theme` (the theme toggle sits under the dialog: switch it before opening). */
async function screenshotDialog(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  await page.getByTestId('run-dialog').screenshot({ path: `${SCREENSHOTS}run-dialog-effective-params-${theme}.png` });
}

test('each param shows its effective value and source for the chosen environment, and the run uses them', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/priced.pipeline.yaml', PIPELINE);
  await page.getByTestId('pipeline-item-priced').click();
  await expect(stepNode(page, 'price')).toBeVisible();
  await page.getByTestId('run-button').click();
  const effective = (name: string) => page.getByTestId(`run-param-effective-${name}`);
  const confirm = page.getByTestId('run-confirm');

  // No environment: the pipeline's defaults, and a required param with none.
  await expect(effective('rate')).toHaveAttribute('data-source', 'default');
  await expect(effective('rate')).toContainText('runs with 0.1pipeline default');
  await expect(effective('region')).toContainText('runs with "all"pipeline default');
  await expect(effective('label')).toHaveAttribute('data-source', 'missing');
  await expect(effective('label')).toContainText('no value: type one');
  await expect(confirm).toBeDisabled();

  // Staging overrides two of them.
  await page.getByTestId('run-environment').selectOption('staging');
  await expect(effective('rate')).toHaveAttribute('data-source', 'environment');
  await expect(effective('rate')).toContainText('runs with 0.2environment staging');
  await expect(effective('region')).toContainText('runs with "us"environment staging');

  // A typed value wins over the environment, and clearing it gives the environment's back.
  await page.getByTestId('run-param-rate').fill('0.5');
  await expect(effective('rate')).toHaveAttribute('data-source', 'run');
  await expect(effective('rate')).toContainText('runs with 0.5run override');
  await page.getByTestId('run-param-rate').fill('');
  await expect(effective('rate')).toContainText('runs with 0.2environment staging');
  await page.getByTestId('run-param-label').fill('spring');
  await expect(effective('label')).toContainText('runs with "spring"run override');
  await expect(confirm).toBeEnabled();
  await screenshotDialog(page, 'light');

  // Dev sets no params: the defaults again.
  await page.getByTestId('run-environment').selectOption('dev');
  await expect(effective('rate')).toContainText('runs with 0.1pipeline default');
  await page.getByTestId('run-environment').selectOption('staging');
  await confirm.click();
  await expect(stepNode(page, 'price')).toHaveAttribute('data-status', 'succeeded');
  expect(workspace.read('priced.txt')).toBe('rate=0.2 region=us label=spring\n');

  // The same dialog in the dark theme.
  await page.getByTestId('theme-toggle').click();
  await page.getByTestId('run-button').click();
  await page.getByTestId('run-environment').selectOption('staging');
  await page.getByTestId('run-param-label').fill('spring');
  await screenshotDialog(page, 'dark');
});
