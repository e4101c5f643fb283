// Buttons that match the state they act on: the test report's button is red only when a test
// failed (not because it sits on a failed step's strip, nor when tests passed or never ran),
// Fit and Auto layout wait for a step to exist, and a ready environment is not offered
// Provision again as its main action. Docker part: skipped without an engine, except in CI.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from '@playwright/test';
import { BUSYBOX_IMAGE, dockerMissing } from '../electron/testing/docker-support.js';
import { expect, runPipeline, screenshotBothThemes, stepNode, test } from './studio-fixture.js';

const CLI = fileURLToPath(new URL('../out/cli/main.js', import.meta.url));

/** The step fails after its input test passed; its output test never runs. */
const CRASH = (minRows: number) => `version: 1
name: crash
steps:
  prepare:
    run: printf 'id\\n1\\n2\\n' > rows.csv
    outputs: [rows.csv]
  crash:
    run: echo boom >&2; exit 1
    inputs: [rows.csv]
    needs: [prepare]
    tests:
      - name: enough rows
        row_count: { path: rows.csv, min: ${minRows} }
      - name: after
        command: "true"
`;

/** The CSS colour a custom property resolves to in the page. */
const colourOf = (page: Page, variable: string) =>
  page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, variable);

const textColour = (button: Locator) => button.evaluate((element) => getComputedStyle(element).color);

test('the Test report button is red only when a test failed, not on a failed step whose tests passed or never ran', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/crash.pipeline.yaml', CRASH(1));
  await page.getByTestId('pipeline-item-crash').click();
  await runPipeline(page);
  await expect(stepNode(page, 'crash')).toHaveAttribute('data-status', 'failed');
  await stepNode(page, 'crash').click();
  const strip = page.getByTestId('step-run-result');
  const report = strip.getByTestId('step-test-report');
  const red = await colourOf(page, '--status-failed');
  // The strip of the failed step is red; its input test passed and its output test never ran.
  expect(await strip.evaluate((element) => getComputedStyle(element).color)).toBe(red);
  await expect(report).toHaveAttribute('data-verdict', 'passed');
  expect(await textColour(report)).not.toBe(red);
  expect(await textColour(strip.getByTestId('open-log'))).not.toBe(red);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-test-report')).toHaveAttribute('data-verdict', 'passed');
  expect(await textColour(page.getByTestId('history-test-report'))).not.toBe(red);
  await page.getByTestId('tab-pipelines').click();
  await stepNode(page, 'crash').click();
  await screenshotBothThemes(page, 'buttons-test-report-passed-on-failed-step');

  // Now the input test fails: that is a failed test, and the button says so in red.
  workspace.write('pipelines/crash.pipeline.yaml', CRASH(10));
  await page.getByTestId('reload-button').click();
  await runPipeline(page);
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-run-status', 'failed');
  await stepNode(page, 'crash').click();
  await expect(report).toHaveAttribute('data-verdict', 'failed');
  expect(await textColour(report)).toBe(red);
  await page.getByTestId('tab-history').click();
  await expect(page.getByTestId('history-test-report')).toHaveAttribute('data-verdict', 'failed');
});

test('Fit view and Auto layout wait for a step to exist', async ({ studio: page }) => {
  await page.getByTestId('new-pipeline-button').click();
  await page.getByTestId('new-pipeline-name').fill('fresh');
  await page.getByTestId('new-pipeline-name-ok').click();
  await expect(page.getByTestId('canvas-start')).toBeVisible();
  await expect(page.getByTestId('fit-button')).toBeDisabled();
  await expect(page.getByTestId('layout-button')).toBeDisabled();
  await page.getByTestId('start-template-shell').click();
  await expect(stepNode(page, 'shell')).toBeVisible();
  await expect(page.getByTestId('fit-button')).toBeEnabled();
  await expect(page.getByTestId('layout-button')).toBeEnabled();
});

test.describe('with a Docker engine', () => {
  test.use({
    settings: `version: 1
environments:
  box:
    runner: docker
    image: ${BUSYBOX_IMAGE}
`,
  });
  test.skip(dockerMissing !== null && process.env.CI !== 'true', `needs Docker: ${dockerMissing ?? ''}`);
  test.afterEach(({ workspace }) => {
    spawnSync(process.execPath, [CLI, 'env', 'down', 'box'], { cwd: workspace.root });
  });

  test('a ready environment offers Rebuild and Teardown, not Provision', async ({ studio: page }) => {
    await page.getByTestId('tab-environments').click();
    await expect(page.getByTestId('docker-state')).toHaveText('Docker connected');
    await expect(page.getByTestId('env-state-box')).toHaveText('Not provisioned');
    await expect(page.getByTestId('env-provision-box')).toHaveText('Provision');
    await expect(page.getByTestId('env-teardown-box')).toBeDisabled();
    await page.getByTestId('env-provision-box').click();
    await expect(page.getByTestId('env-state-box')).toHaveText('Ready', { timeout: 60_000 });
    await expect(page.getByTestId('env-provision-box')).toHaveCount(0);
    await expect(page.getByTestId('env-rebuild-box')).toBeEnabled();
    await expect(page.getByTestId('env-rebuild-box')).not.toHaveClass(/primary/);
    await expect(page.getByTestId('env-teardown-box')).toBeEnabled();
    await screenshotBothThemes(page, 'buttons-environment-ready');
    await page.getByTestId('env-teardown-box').click();
    await expect(page.getByTestId('env-state-box')).toHaveText('Not provisioned');
    await expect(page.getByTestId('env-provision-box')).toBeVisible();
  });
});
