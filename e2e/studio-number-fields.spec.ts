// Every number field of the studio typed into key by key, as a person types: decimals,
// negatives, exponents and unfinished input ("-", "1e") stay as typed, the file gets what they
// say, and text that is not a number is pointed out instead of being turned into another value.
import type { Locator, Page } from '@playwright/test';
import { SCREENSHOTS, clickEmptyCanvas, expect, stepNode, test } from './studio-fixture.js';

const PIPELINE = `version: 1
name: numbers
params:
  rate: { type: number, default: 1 }
  count: { type: integer, default: 2 }
  regions: { type: string, default: eu }
steps:
  make:
    run: echo "rate=$PW_PARAM_RATE count=$PW_PARAM_COUNT" > out.txt && printf 'id,amount,ts\\n1,5,2024-01-01\\n' > data.csv
    outputs: [out.txt, data.csv]
`;

/** Clears a field, then types `text` into it one key at a time. */
async function typeKeys(field: Locator, text: string): Promise<void> {
  await field.fill('');
  await field.pressSequentially(text);
}

async function typeAndCheck(field: Locator, text: string): Promise<void> {
  await typeKeys(field, text);
  await expect(field).toHaveValue(text);
}

async function save(page: Page): Promise<void> {
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
}

test('params, retries and data-test bounds keep what is typed key by key, and the file gets those numbers', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/numbers.pipeline.yaml', PIPELINE);
  await page.getByTestId('pipeline-item-numbers').click();
  await expect(stepNode(page, 'make')).toBeVisible();

  // The pipeline's params (nothing selected): rate is row 0, count row 1, regions row 2.
  await clickEmptyCanvas(page);
  await typeAndCheck(page.getByTestId('param-default-0'), '0.05');
  await typeAndCheck(page.getByTestId('param-min-0'), '-1e-3');
  await typeAndCheck(page.getByTestId('param-max-0'), '2.50');
  await typeAndCheck(page.getByTestId('param-enum-0'), '0.05, 0.1, 1e-2');
  await typeAndCheck(page.getByTestId('param-default-1'), '-3');
  await typeAndCheck(page.getByTestId('param-min-1'), '-10');
  await typeAndCheck(page.getByTestId('param-enum-2'), 'eu, us');

  // Unfinished input waits for the next key, and says so once the field is left; a fraction in
  // an integer field is refused at once. Neither reaches the file.
  const max = page.getByTestId('param-max-1');
  await typeKeys(max, '1e');
  await expect(page.getByTestId('param-max-1-error')).toHaveCount(0);
  await max.blur();
  await expect(page.getByTestId('param-max-1-error')).toHaveText('"1e" is not a number yet: finish it or clear it');
  await max.press('End');
  await max.pressSequentially('2');
  await expect(max).toHaveValue('1e2');
  await expect(page.getByTestId('param-max-1-error')).toHaveCount(0);
  await typeKeys(page.getByTestId('param-default-1'), '1.5');
  await expect(page.getByTestId('param-default-1-error')).toHaveText('"1.5" is not a whole number');
  await typeAndCheck(page.getByTestId('param-default-1'), '-3');

  // The step: retries, and a data test of every kind with a number.
  await stepNode(page, 'make').click();
  const panel = page.getByTestId('step-panel');
  const retries = panel.getByTestId('step-retries');
  await typeKeys(retries, '-');
  await retries.blur();
  await expect(panel.getByTestId('step-retries-error')).toHaveText('"-" is not a number yet: finish it or clear it');
  await typeAndCheck(retries, '2');
  const addTest = async (kind: string) => {
    await panel.getByTestId('test-add').click();
    await panel.getByTestId(`test-add-${kind}`).click();
  };
  await addTest('row_count');
  await typeAndCheck(panel.getByTestId('test-0-min'), '1e0');
  await typeAndCheck(panel.getByTestId('test-0-max'), '2.5e3');
  await addTest('not_null');
  await panel.getByTestId('test-1-path').fill('data.csv');
  await panel.getByTestId('test-1-columns').fill('id');
  await typeAndCheck(panel.getByTestId('test-1-mostly'), '0.95');
  await addTest('range');
  await panel.getByTestId('test-2-path').fill('data.csv');
  await panel.getByTestId('test-2-column').fill('amount');
  await typeAndCheck(panel.getByTestId('test-2-min'), '-0.5');
  await typeAndCheck(panel.getByTestId('test-2-max'), '1e2');
  await addTest('freshness');
  await panel.getByTestId('test-3-path').fill('data.csv');
  await panel.getByTestId('test-3-column').fill('ts');
  await typeAndCheck(panel.getByTestId('test-3-max_age'), '36500d');
  await addTest('row_count_change');
  await typeAndCheck(panel.getByTestId('test-4-max_percent'), '0.5');

  await save(page);
  const saved = workspace.pipeline('numbers');
  expect(saved.params).toEqual({
    rate: { type: 'number', default: 0.05, min: -0.001, max: 2.5, enum: [0.05, 0.1, 0.01] },
    count: { type: 'integer', default: -3, min: -10, max: 100 },
    regions: { type: 'string', default: 'eu', enum: ['eu', 'us'] },
  });
  expect(saved.steps.make.retries).toBe(2);
  expect(saved.steps.make.tests).toEqual([
    { row_count: { path: 'out.txt', min: 1, max: 2500 } },
    { not_null: { path: 'data.csv', columns: ['id'], mostly: 0.95 } },
    { range: { path: 'data.csv', column: 'amount', min: -0.5, max: 100 } },
    { freshness: { path: 'data.csv', column: 'ts', max_age: '36500d' } },
    { row_count_change: { path: 'out.txt', max_percent: 0.5 } },
  ]);
});

test('the run dialog reads a param typed key by key, and refuses an unfinished number', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/numbers.pipeline.yaml', PIPELINE);
  await page.getByTestId('pipeline-item-numbers').click();
  await expect(stepNode(page, 'make')).toBeVisible();

  await page.getByTestId('run-button').click();
  const rate = page.getByTestId('run-param-rate');
  await rate.pressSequentially('1e');
  await expect(page.getByTestId('run-param-error-rate')).toHaveText('expected a number, got "1e"');
  await expect(page.getByTestId('run-confirm')).toBeDisabled();
  await typeAndCheck(rate, '-2.5e-2');
  await typeAndCheck(page.getByTestId('run-param-count'), '-7');
  await page.getByTestId('run-param-count').fill('0x10');
  await expect(page.getByTestId('run-param-error-count')).toHaveText('expected an integer, got "0x10"');
  await typeAndCheck(page.getByTestId('run-param-count'), '1e1');
  await page.getByTestId('run-confirm').click();
  await expect(stepNode(page, 'make')).toHaveAttribute('data-status', 'succeeded');
  expect(workspace.read('out.txt')).toBe('rate=-0.025 count=10\n');
});

test('a decimal param takes 0.05 and 1e-3; a comma decimal or a word is pointed out and never saved', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/numbers.pipeline.yaml', PIPELINE);
  await page.getByTestId('pipeline-item-numbers').click();
  await expect(stepNode(page, 'make')).toBeVisible();
  await clickEmptyCanvas(page);
  const rate = page.getByTestId('param-default-0');
  const error = page.getByTestId('param-default-0-error');

  await typeAndCheck(rate, '0.05');
  await expect(error).toHaveCount(0);
  await save(page);
  expect(workspace.pipeline('numbers').params.rate.default).toBe(0.05);
  await typeAndCheck(rate, '1e-3');
  await save(page);
  expect(workspace.pipeline('numbers').params.rate.default).toBe(0.001);

  // A comma, as some locales write decimals: said plainly, and the file keeps 0.001.
  await typeKeys(rate, '0,05');
  await expect(rate).toHaveValue('0,05');
  await expect(error).toHaveText('"0,05" is not a number (use "." for decimals)');
  // Nothing to save: the "0" typed on the way was put back to 0.001, the value in the file.
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expect(page.getByTestId('save-button')).toBeDisabled();
  expect(workspace.pipeline('numbers').params.rate.default).toBe(0.001);
  await rate.screenshot({ path: `${SCREENSHOTS}number-field-comma.png` });
  await typeKeys(rate, 'five');
  await expect(error).toHaveText('"five" is not a number');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('numbers').params.rate.default).toBe(0.001);

  // Corrected, it saves.
  await typeAndCheck(rate, '0.5');
  await expect(error).toHaveCount(0);
  await save(page);
  expect(workspace.pipeline('numbers').params.rate.default).toBe(0.5);
});
