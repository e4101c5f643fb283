// Compare and merge say what changed: the pipeline panel marks each changed param with its old
// and new value, a changed step opens on its changed field, the merge preview lists every
// change (step, field, old → new), and a failed test opens the inspector on that test.
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';

const BASE = `version: 1
name: sales
params:
  sample: { type: number, default: 0.1 }
  region: { type: string, default: eu }
steps:
  ingest:
    run: mkdir -p data && echo id > data/orders.csv
    outputs: [data/orders.csv]
  clean:
    run: echo clean
    needs: [ingest]
    tests:
      - name: first
        command: "true"
      - name: second
        command: "true"
      - name: third
        command: "true"
    metrics: [metrics/clean.json]
`;

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** A repository with BASE on main and an experiment "wider" that changes a param and a step; the studio on "wider". */
async function openExperiment(page: Page, root: string, write: (path: string, text: string) => void): Promise<void> {
  write('pipelines/sales.pipeline.yaml', BASE);
  write('.gitignore', '.pipewright/\n/data/\n');
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'Sales pipeline');
  git(root, 'checkout', '-q', '-b', 'wider');
  write(
    'pipelines/sales.pipeline.yaml',
    BASE.replace('default: 0.1', 'default: 0.5').replace(
      '[metrics/clean.json]',
      '[metrics/clean.json, metrics/extra.json]',
    ),
  );
  git(root, 'commit', '-qam', 'A wider sample and more metrics');
  await page.reload();
  await page.getByTestId('pipeline-item-sales').click();
  await expect(stepNode(page, 'clean')).toBeVisible();
}

/** Screenshots in light and dark; a dialog open is closed to reach the theme toggle, then reopened. */
async function bothThemes(
  page: Page,
  name: string,
  dialog?: { close(): Promise<void>; reopen(): Promise<void> },
): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SCREENSHOTS}${name}-light.png` });
  await dialog?.close();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await dialog?.reopen();
  await page.screenshot({ path: `${SCREENSHOTS}${name}-dark.png` });
  await dialog?.close();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
}

test.use({ colorScheme: 'light' });

test('compare marks changed params with old and new values and opens a changed step on its changed field', async ({
  studio: page,
  workspace,
}) => {
  await openExperiment(page, workspace.root, workspace.write);
  await page.getByTestId('compare-select').selectOption('main');
  await expect(page.getByTestId('compare-banner')).toBeVisible();

  const sample = page.getByTestId('param-changes-sample');
  await expect(sample).toContainText('changed since main');
  await expect(page.getByTestId('param-change-sample-default').getByTestId('change-before')).toHaveText('0.1');
  await expect(page.getByTestId('param-change-sample-default').getByTestId('change-after')).toHaveText('0.5');
  await expect(page.getByTestId('param-changes-region')).toHaveCount(0);
  await expect(page.getByTestId('param-row-0')).toHaveClass(/param-changed/);
  await expect(page.getByTestId('param-row-1')).not.toHaveClass(/param-changed/);
  await bothThemes(page, 'compare-changed-params');

  // The metrics field sits below the fold of the step panel: selecting the step brings it into view.
  await stepNode(page, 'clean').click();
  const metrics = page.getByTestId('field-was-metrics');
  await expect(metrics).toHaveText('at main: [metrics/clean.json]');
  await expect(metrics).toBeInViewport();
  await expect(page.getByTestId('step-id-input')).not.toBeInViewport();
  await expect(page.locator('.inspector-column [data-field="metrics"]')).toHaveClass(/field-changed/);
  await bothThemes(page, 'compare-changed-field');
});

test('the merge preview lists each change with its step, field, old and new value', async ({
  studio: page,
  workspace,
}) => {
  await openExperiment(page, workspace.root, workspace.write);
  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-switch-main').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('main');
  await page.getByTestId('git-merge').click();
  await expect(page.getByTestId('merge-branch')).toHaveValue('wider');

  const lines = page.getByTestId('merge-changes-sales').getByTestId('change-line');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toHaveAttribute('data-subject', 'step');
  await expect(lines.nth(0)).toContainText('step clean');
  await expect(lines.nth(0)).toHaveAttribute('data-field', 'metrics');
  await expect(lines.nth(0).getByTestId('change-before')).toHaveText('[metrics/clean.json]');
  await expect(lines.nth(0).getByTestId('change-after')).toHaveText('[metrics/clean.json, metrics/extra.json]');
  await expect(lines.nth(1)).toContainText('param sample');
  await expect(lines.nth(1)).toHaveAttribute('data-field', 'default');
  await expect(lines.nth(1).getByTestId('change-before')).toHaveText('0.1');
  await expect(lines.nth(1).getByTestId('change-after')).toHaveText('0.5');
  await expect(page.getByTestId('merge-preview')).not.toContainText('1 step changed');
  await bothThemes(page, 'merge-preview-changes', {
    close: () => page.mouse.click(4, 4),
    reopen: async () => {
      await page.getByTestId('git-merge').click();
      await expect(page.getByTestId('merge-changes-sales')).toBeVisible();
    },
  });
});

test('a failed test in the test report opens the inspector on that test', async ({ studio: page, workspace }) => {
  workspace.write(
    'pipelines/checked.pipeline.yaml',
    BASE.replace('name: sales', 'name: checked').replace(
      '      - name: third\n        command: "true"\n',
      '      - name: third\n        command: "true"\n      - name: fourth\n        command: "true"\n      - name: rows-present\n        command: "test -s missing.csv"\n',
    ),
  );
  await page.getByTestId('pipeline-item-checked').click();
  await runPipeline(page);
  await expect(stepNode(page, 'clean')).toHaveAttribute('data-status', 'failed');
  await stepNode(page, 'clean').click();
  await page.getByTestId('step-test-report').click();
  const failing = page.getByTestId('test-report-show');
  await expect(failing).toHaveCount(1);
  await expect(failing).toHaveText('rows-present');
  await failing.click();
  await expect(page.getByTestId('test-report')).toHaveCount(0);
  await expect(page.getByTestId('test-row-4')).toBeInViewport();
  await expect(page.getByTestId('test-name-4')).toHaveValue('rows-present');
  await expect(page.getByTestId('step-id-input')).not.toBeInViewport();
  await bothThemes(page, 'inspector-failed-test');
});
