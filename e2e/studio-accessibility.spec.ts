// Every view of the studio, checked with axe-core in both themes: no serious or critical WCAG
// 2.1 A/AA violation (names for controls, contrast, roles). The sample workspace is run once,
// so the views have something to show: canvas, inspector, run history, log drawer, test
// report, monitor, data preview, git, experiments, environments, compare, and the palette.
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectAccessible } from './accessibility.js';
import { SCREENSHOTS, expect, runPipeline, stepNode, test } from './studio-fixture.js';

const SAMPLE = fileURLToPath(new URL('../resources/sample-workspace/', import.meta.url));

function git(root: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', ...args], { cwd: root });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${String(result.stderr)}`);
}

test.use({ settings: readFileSync(`${SAMPLE}pipewright.yaml`, 'utf8'), colorScheme: 'light' });

test('every view has no serious or critical accessibility violation in either theme', async ({
  studio: page,
  workspace,
}) => {
  // axe reads the whole page twice per view (two themes), some twenty times: minutes on a loaded machine.
  test.setTimeout(480_000);
  cpSync(SAMPLE, workspace.root, { recursive: true, filter: (source) => !source.endsWith('pipewright.yaml') });
  await page.reload();
  await page.getByTestId('pipeline-item-sales').click();
  await expect(stepNode(page, 'report')).toBeVisible();
  await expectAccessible(page, 'canvas and pipeline inspector');

  await runPipeline(page);
  await expect(stepNode(page, 'report')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await stepNode(page, 'clean').click();
  await expect(page.getByTestId('step-panel')).toBeVisible();
  await expectAccessible(page, 'step inspector');

  await page.keyboard.press('Shift+L');
  await expect(page.getByTestId('log-drawer')).toBeVisible();
  await expectAccessible(page, 'log drawer');

  await page.getByTestId('tab-history').click();
  await expectAccessible(page, 'run history');
  await page.getByTestId('history-test-report').click();
  await expect(page.getByTestId('test-report')).toBeVisible();
  await expectAccessible(page, 'test report');
  await page.getByTestId('test-report-close').click();

  await runPipeline(page, { noCache: true });
  await expect(page.locator('[data-testid^="history-pick-"]')).toHaveCount(2, { timeout: 60_000 });
  await expect(stepNode(page, 'report')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  for (const pick of await page.locator('[data-testid^="history-pick-"]').all()) await pick.check();
  await page.getByTestId('history-compare').click();
  await expect(page.getByTestId('compare-panel')).toBeVisible();
  await expectAccessible(page, 'compare runs');
  await page.getByTestId('compare-close').click();

  await page.getByTestId('node-preview-revenue_by_region').click();
  await expect(page.getByTestId('preview')).toBeVisible();
  await expectAccessible(page, 'data preview');
  await page.getByTestId('preview-close').click();

  for (const tab of ['steps', 'git', 'environments', 'monitor', 'production', 'experiments', 'pipelines']) {
    await page.getByTestId(`tab-${tab}`).click();
    await expect(page.getByTestId(`tab-${tab}`)).toHaveClass(/active/);
    await expectAccessible(page, `${tab} view`);
  }

  await page.keyboard.press('ControlOrMeta+Shift+P');
  await expect(page.getByTestId('command-palette')).toBeVisible();
  await expectAccessible(page, 'command palette');
});

test('the merge preview and the comparison with a branch have no serious or critical violation', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(240_000);
  cpSync(SAMPLE, workspace.root, { recursive: true, filter: (source) => !source.endsWith('pipewright.yaml') });
  git(workspace.root, 'init', '-q', '-b', 'main');
  git(workspace.root, 'add', '-A');
  git(workspace.root, 'commit', '-qm', 'sales');
  git(workspace.root, 'checkout', '-qb', 'wider');
  const file = join(workspace.root, 'pipelines/sales.pipeline.yaml');
  writeFileSync(
    file,
    workspace.read('pipelines/sales.pipeline.yaml').replace('default: 1, min: 0', 'default: 0.5, min: 0'),
  );
  git(workspace.root, 'commit', '-qam', 'half the orders');
  git(workspace.root, 'checkout', '-q', 'main');
  await page.reload();
  await page.getByTestId('pipeline-item-sales').click();
  await expect(stepNode(page, 'report')).toBeVisible();

  await page.getByTestId('compare-select').selectOption('wider');
  await expect(page.getByTestId('compare-banner')).toBeVisible();
  await expectAccessible(page, 'comparison with a branch');

  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-merge').click();
  await expect(page.getByTestId('merge-preview')).toBeVisible();
  await expectAccessible(page, 'merge preview');
});

test('the control the keyboard is on shows a ring in both themes', async ({ studio: page }) => {
  await page.getByTestId('theme-toggle').focus();
  await page.keyboard.press('Shift+Tab');
  const focused = page.getByTestId('palette-button');
  await expect(focused).toBeFocused();
  for (const theme of ['light', 'dark']) {
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(focused).toHaveCSS('outline-style', 'solid');
    await expect(focused).toHaveCSS('outline-width', '2px');
    await page.screenshot({
      path: `${SCREENSHOTS}focused-control-${theme}.png`,
      clip: { x: 840, y: 0, width: 600, height: 120 },
    });
    // Keyboard all the way: Tab to the theme toggle, Enter switches it, Shift+Tab comes back.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});
