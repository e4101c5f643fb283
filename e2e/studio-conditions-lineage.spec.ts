// Conditional steps and lineage in the studio: the condition badge on a node, a run that skips a
// step and what needs it by condition, `when:` edited in the inspector with live validation, and
// the lineage of a report traced from the data preview and from the inspector back to the raw
// CSV, with hashes checked against the files. Screenshots in both themes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SCREENSHOTS, expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

const SALES = `version: 1
name: sales
params:
  region: { type: string, default: all, enum: [all, eu, us] }
  min_amount: { type: number, default: 10 }
steps:
  clean:
    run: grep -v '^#' data/raw/sales.csv > data/clean.csv
    inputs: [data/raw/sales.csv]
    outputs: [data/clean.csv]
  enrich:
    run: paste -d, data/clean.csv data/regions.csv > data/enriched.csv
    inputs: [data/clean.csv, data/regions.csv]
    outputs: [data/enriched.csv]
  aggregate:
    run: awk -F, -v min="$PW_PARAM_MIN_AMOUNT" 'NR > 1 && $2 >= min { total += $2 } END { print total }' data/enriched.csv > data/total.txt
    inputs: [data/enriched.csv]
    outputs: [data/total.txt]
  report:
    run: mkdir -p out; echo "Sales total $(cat data/total.txt)" > out/report.md
    inputs: [data/total.txt]
    outputs: [out/report.md]
  regional:
    run: grep "$PW_PARAM_REGION" data/enriched.csv > data/regional.csv
    when: params.region != 'all'
    inputs: [data/enriched.csv]
    outputs: [data/regional.csv]
  regional_report:
    run: wc -l < data/regional.csv > out/regional.txt
    inputs: [data/regional.csv]
    outputs: [out/regional.txt]
`;

test('the condition badge, steps skipped by condition, and when: edited with live validation', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('data/raw/sales.csv', '# export\nid,amount\n1,5\n2,20\n3,30\n');
  workspace.write('data/regions.csv', 'region\neu\nus\neu\n');
  workspace.write('pipelines/sales.pipeline.yaml', SALES);
  await page.getByTestId('pipeline-item-sales').click();

  const badge = page.getByTestId('condition-regional');
  await expect(badge).toHaveText("when params.region != 'all'");
  await expect(badge).toHaveAttribute('title', "runs only when params.region != 'all'");
  await expect(page.getByTestId('condition-report')).toHaveCount(0);

  await runPipeline(page);
  await expect(stepNode(page, 'report')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });
  await expect(stepNode(page, 'regional')).toHaveAttribute('data-status', 'skipped-condition');
  await expect(stepNode(page, 'regional_report')).toHaveAttribute('data-status', 'skipped-condition');
  await expect(stepNode(page, 'regional').getByLabel('skipped (condition)')).toBeVisible();

  await stepNode(page, 'regional').click();
  await expect(page.getByTestId('step-panel')).toContainText('skipped (condition)');
  const when = page.getByTestId('step-when');
  await expect(when).toHaveValue("params.region != 'all'");
  await screenshotBothThemes(page, 'conditions-canvas');

  // A typo is explained as it is typed and never reaches the file.
  await when.fill("params.regoin == 'eu'");
  await expect(page.getByTestId('step-when-issue')).toHaveText(
    'column 1: unknown param "regoin" (did you mean "region"?); params: region, min_amount',
  );
  await expect(when).toHaveClass(/invalid/);
  await screenshotBothThemes(page, 'conditions-inspector-invalid');
  await when.fill("params.region == 'eu' and params.min_amount > 'x'");
  await expect(page.getByTestId('step-when-issue')).toContainText('is a number and');
  await when.fill("params.region in ['eu', 'us']");
  await expect(page.getByTestId('step-when-issue')).toHaveCount(0);
  await expect(page.getByTestId('condition-regional')).toHaveText("when params.region in ['eu', 'us']");
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('sales').steps.regional.when).toBe("params.region in ['eu', 'us']");
});

test('lineage of a report from the data preview and the inspector, back to the raw CSV', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('data/raw/sales.csv', '# export\nid,amount\n1,5\n2,20\n3,30\n');
  workspace.write('data/regions.csv', 'region\neu\nus\neu\n');
  workspace.write('pipelines/sales.pipeline.yaml', SALES);
  const sha256 = (path: string) =>
    createHash('sha256')
      .update(readFileSync(`${workspace.root}/${path}`))
      .digest('hex');
  await page.getByTestId('pipeline-item-sales').click();
  await runPipeline(page);
  await expect(stepNode(page, 'report')).toHaveAttribute('data-status', 'succeeded', { timeout: 30_000 });

  // From the node's data preview: the Lineage tab.
  await page.getByTestId('node-preview-report').click();
  const preview = page.getByTestId('preview');
  await expect(preview).toHaveAttribute('data-path', 'out/report.md');
  await preview.getByTestId('preview-view-lineage').click();
  const lineage = preview.getByTestId('lineage');
  for (const step of ['report', 'aggregate', 'enrich', 'clean'])
    await expect(lineage.getByTestId(`lineage-step-${step}`)).toBeVisible();
  const raw = lineage.getByTestId('lineage-input-data/raw/sales.csv');
  await expect(raw).toHaveAttribute('data-origin', 'raw');
  await expect(raw.locator('.lineage-hash').first()).toHaveAttribute('title', sha256('data/raw/sales.csv'));
  await expect(lineage.getByTestId('lineage-input-data/total.txt').locator('.lineage-hash').first()).toHaveAttribute(
    'title',
    sha256('data/total.txt'),
  );
  await expect(lineage.getByTestId('lineage-input-data/regions.csv')).toHaveAttribute('data-origin', 'raw');
  await expect(lineage.getByTestId('lineage-step-report')).toContainText('min_amount=10');
  await expect(lineage.getByTestId('lineage-raw')).toContainText('data/raw/sales.csv');
  await page.screenshot({ path: `${SCREENSHOTS}lineage-preview-light.png` });
  await preview.getByTestId('preview-view-data').click();
  await expect(lineage).toHaveCount(0);
  await page.getByTestId('preview-close').click();

  // From the inspector, in the dark theme: "lineage" beside an output opens the same view.
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await stepNode(page, 'report').click();
  await page.getByTestId('step-lineage-0').click();
  await expect(preview).toHaveAttribute('data-path', 'out/report.md');
  await expect(preview.getByTestId('lineage-step-clean')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}lineage-preview-dark.png` });
  await page.getByTestId('preview-close').click();
  await page.getByTestId('theme-toggle').click();

  await stepNode(page, 'enrich').click();
  await page.getByTestId('step-lineage-0').click();
  await expect(preview).toHaveAttribute('data-path', 'data/enriched.csv');
  await expect(preview.getByTestId('lineage-step-enrich')).toBeVisible();
  await expect(preview.getByTestId('lineage-step-clean')).toBeVisible();
  await expect(preview.getByTestId('lineage-step-report')).toHaveCount(0);
});
