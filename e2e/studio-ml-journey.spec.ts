// The ML journey in the studio (issue 12): a workspace made by `pipewright init --template ml`,
// run from the studio in its Docker environment, then the model card, the confusion matrix, the
// explore notebook's executed view and the features' preview with its profile, each checked
// against the files the run wrote. The studio has no build-argument input, so the test names
// the locally built scientific Python image as the BASE_IMAGE build argument in the workspace's
// pipewright.yaml before the studio opens (no registry is reachable). Needs Docker and the test
// images (scripts/test-images.mjs): skipped without them, except in CI. Screenshots in both themes.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { formatCount, formatMean } from '../shared/preview/preview-format.js';
import { removeDockerLeftovers } from '../electron/testing/docker-leftovers.js';
import { PYTHON_ML_IMAGE, docker, pythonMlMissing } from '../electron/testing/docker-support.js';
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';

const TEMPLATE_SETTINGS = readFileSync(
  fileURLToPath(new URL('../resources/templates/ml/pipewright.yaml', import.meta.url)),
  'utf8',
);
const BUILD = 'build: { context: environments/python }';
const SETTINGS = TEMPLATE_SETTINGS.replaceAll(
  BUILD,
  `build: { context: environments/python, args: { BASE_IMAGE: "${PYTHON_ML_IMAGE}" } }`,
);

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }));

/** A CSV file's row count and one column's numbers. */
function csvColumn(root: string, path: string, name: string): { rows: number; values: number[] } {
  const [header, ...lines] = readFileSync(`${root}/${path}`, 'utf8').trim().split('\n');
  const index = (header ?? '').split(',').indexOf(name);
  return { rows: lines.length, values: lines.map((line) => Number(line.split(',')[index])) };
}

/** The width a PNG file declares in its header. */
function pngWidth(root: string, path: string): number {
  return readFileSync(`${root}/${path}`).readUInt32BE(16);
}

async function checkModelCard(page: Page, metrics: Record<string, number>, theme: string): Promise<void> {
  await stepNode(page, 'package').click();
  await page.getByTestId('step-preview-output-1').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-path', 'dist/MODEL_CARD.md');
  await expect(preview.getByTestId('preview-run-state')).toHaveAttribute('data-state', 'current');
  const card = preview.getByTestId('preview-markdown');
  await expect(card.locator('h1')).toHaveText('Model card: churn prediction');
  for (const [label, key] of [
    ['AUC', 'auc'],
    ['F1', 'f1'],
    ['Accuracy', 'accuracy'],
  ] as const) {
    await expect(
      card
        .locator('tr', { has: page.locator('td', { hasText: new RegExp(`^${label}$`) }) })
        .locator('td')
        .nth(1),
    ).toHaveText(String(metrics[key]));
  }
  await expect(
    card
      .locator('tr', { has: page.locator('td', { hasText: /^n_estimators$/ }) })
      .locator('td')
      .nth(1),
  ).toHaveText('30');
  await expect(card.locator('td', { hasText: /^min_samples_leaf$/ })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}ml-journey-model-card-${theme}.png` });
  await page.getByTestId('preview-close').click();
}

async function checkConfusionMatrix(page: Page, root: string, theme: string): Promise<void> {
  await stepNode(page, 'evaluate').click();
  await page.getByTestId('step-preview-output-1').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-path', 'reports/confusion-matrix.png');
  const image = preview.getByTestId('preview-image');
  await expect(image).toHaveJSProperty('complete', true);
  expect(await image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(
    pngWidth(root, 'reports/confusion-matrix.png'),
  );
  await page.screenshot({ path: `${SCREENSHOTS}ml-journey-confusion-matrix-${theme}.png` });
  await page.getByTestId('preview-close').click();
}

async function checkNotebook(page: Page, metrics: Record<string, number>, theme: string): Promise<void> {
  await stepNode(page, 'explore').click();
  await page.getByTestId('open-notebook').click();
  const view = page.getByTestId('notebook-view');
  await expect(view.getByRole('heading', { name: 'Explore the churn model' })).toBeVisible();
  await expect(view.getByText('injected-parameters')).toBeVisible();
  await expect(view.getByText('top_features = 8')).toHaveCount(2);
  await expect(view.getByTestId('notebook-stream').first()).toContainText(
    `AUC ${metrics.auc}, F1 ${metrics.f1}, accuracy ${metrics.accuracy}`,
  );
  // pandas prints the column with one number of decimals for all: 0.834 shows as 0.8340.
  const aucCell = view.getByTestId('notebook-table').first().locator('tr', { hasText: 'auc' }).locator('td').last();
  await expect(aucCell).toBeVisible();
  expect(Number(await aucCell.textContent())).toBe(metrics.auc);
  await expect(view.getByTestId('notebook-table').nth(1).locator('th', { hasText: 'two_year' })).toBeVisible();
  await expect(view.getByTestId('notebook-image')).toHaveCount(1);
  await expect(view.getByTestId('notebook-image')).toHaveJSProperty('complete', true);
  await page.screenshot({ path: `${SCREENSHOTS}ml-journey-notebook-${theme}.png` });
  await view.getByTestId('notebook-image').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}ml-journey-notebook-chart-${theme}.png` });
  await page.getByTestId('notebook-close').click();
}

async function checkFeatures(page: Page, root: string, theme: string): Promise<void> {
  await page.getByTestId('node-preview-features').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-path', 'data/features/train.csv');
  const tenure = csvColumn(root, 'data/features/train.csv', 'tenure_months');
  await expect(preview.getByTestId('preview-row-count')).toHaveText(formatCount(tenure.rows));
  const row = preview.getByTestId('preview-column-tenure_months');
  await expect(row.getByTestId('profile-nulls')).toHaveText('0');
  await expect(row.getByTestId('profile-min')).toHaveText(String(Math.min(...tenure.values)));
  await expect(row.getByTestId('profile-max')).toHaveText(String(Math.max(...tenure.values)));
  await expect(row.getByTestId('profile-mean')).toHaveText(
    formatMean(tenure.values.reduce((sum, value) => sum + value, 0) / tenure.rows),
  );
  await expect(preview.getByTestId('preview-column-churned').getByTestId('profile-distinct')).toHaveText('2');
  await expect(preview.getByTestId('preview-histogram-tenure_months')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}ml-journey-features-${theme}.png` });
  await page.getByTestId('preview-close').click();
}

test.describe('with a Docker engine and the scientific Python image', () => {
  test.use({ template: 'ml', settings: SETTINGS });
  test.skip(
    pythonMlMissing !== null && process.env.CI !== 'true',
    `needs Docker and ${PYTHON_ML_IMAGE}: ${pythonMlMissing ?? ''}`,
  );
  test.afterEach(async ({ workspace }) => removeDockerLeftovers(docker, workspace.root));

  test('opens the ML workspace, runs it, and shows the model card, the confusion matrix, the notebook and the features', async ({
    studio: page,
    workspace,
  }) => {
    test.setTimeout(420_000);
    expect(SETTINGS).not.toBe(TEMPLATE_SETTINGS);
    await page.getByTestId('pipeline-item-churn').click();
    await expect(stepNode(page, 'explore')).toBeVisible();
    await runPipeline(page);
    for (const step of ['prepare', 'features', 'train', 'evaluate', 'explore', 'package']) {
      await expect(stepNode(page, step)).toHaveAttribute('data-status', 'succeeded', { timeout: 360_000 });
    }
    const metrics = JSON.parse(workspace.read('metrics/evaluation.json')) as Record<string, number>;
    expect(workspace.read('dist/MODEL_CARD.md')).toContain(
      `- Git commit: \`${execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace.root, encoding: 'utf8' }).trim()}\``,
    );

    for (const theme of ['light', 'dark']) {
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await checkModelCard(page, metrics, theme);
      await checkConfusionMatrix(page, workspace.root, theme);
      await checkNotebook(page, metrics, theme);
      await checkFeatures(page, workspace.root, theme);
      if (theme === 'light') await page.getByTestId('theme-toggle').click();
    }
  });
});
