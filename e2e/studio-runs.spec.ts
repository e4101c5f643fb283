// Runs in the studio beyond the basics: validated params and scope in the run dialog, the run
// history, a very long log, and managing pipelines and steps.
import { clickEmptyCanvas, expect, runPipeline, SCREENSHOTS, stepNode, test } from './studio-fixture.js';

const PARAMS_PIPELINE = `version: 1
name: params
params:
  count: { type: integer, default: 2, min: 1, max: 5 }
  mode: { type: string, default: fast, enum: [fast, full] }
steps:
  first:
    run: echo "count=$PW_PARAM_COUNT mode=$PW_PARAM_MODE" > first.txt
    outputs: [first.txt]
  second:
    run: cat first.txt
    inputs: [first.txt]
`;

test('the run dialog checks params as typed, runs one step, and past runs open on the canvas', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/params.pipeline.yaml', PARAMS_PIPELINE);
  await page.getByTestId('pipeline-item-params').click();
  await expect(stepNode(page, 'first')).toBeVisible();

  await page.getByTestId('run-button').click();
  await page.getByTestId('run-param-count').fill('9');
  await expect(page.getByTestId('run-param-error-count')).toHaveText('9 is above the maximum 5');
  await expect(page.getByTestId('run-confirm')).toBeDisabled();
  await page.getByTestId('run-param-count').fill('3');
  await page.getByTestId('run-param-mode').selectOption('full');
  await page.getByTestId('run-environment').selectOption('dev');
  await page.getByTestId('run-confirm').click();
  await expect(stepNode(page, 'second')).toHaveAttribute('data-status', 'succeeded');
  expect(workspace.read('first.txt')).toBe('count=3 mode=full\n');

  await stepNode(page, 'second').click();
  await page.getByTestId('run-button').click();
  await page.getByTestId('run-scope-only').check();
  await page.getByTestId('run-confirm').click();
  await expect(page.getByTestId('run-progress-text')).toContainText('1/1 done');
  await expect(stepNode(page, 'first')).toHaveAttribute('data-status', 'idle');

  await page.getByTestId('tab-history').click();
  const items = page.locator('[data-testid^="history-run-"]');
  await expect(items).toHaveCount(2);
  await items.last().click();
  await expect(stepNode(page, 'first')).toHaveAttribute('data-status', 'succeeded');
  await expect(stepNode(page, 'second')).toHaveAttribute('data-status', 'succeeded');
  await stepNode(page, 'second').click();
  await page.getByTestId('open-log').click();
  await expect(page.getByTestId('log-drawer')).toContainText('count=3 mode=full');
  await page.getByTestId('history-close').click();
  await expect(stepNode(page, 'first')).toHaveAttribute('data-status', 'idle');
});

test('a log of 150,000 lines streams, scrolls and can be searched', async ({ studio: page, workspace }) => {
  workspace.write(
    'pipelines/chatty.pipeline.yaml',
    `version: 1
name: chatty
steps:
  talk:
    run: seq 1 150000 | sed 's/^/line /'; echo needle-in-the-log; seq 150001 150010 | sed 's/^/line /'
`,
  );
  await page.getByTestId('pipeline-item-chatty').click();
  await runPipeline(page, { noCache: true });
  await expect(stepNode(page, 'talk')).toHaveAttribute('data-status', 'succeeded');
  await stepNode(page, 'talk').click();
  await page.getByTestId('open-log').click();
  const drawer = page.getByTestId('log-drawer');
  await expect(drawer).toContainText('150,011 lines');
  expect(await page.getByTestId('log-line').count()).toBeLessThan(200);
  await page.getByTestId('log-search').fill('needle');
  await page.getByTestId('log-search').press('Enter');
  await expect(page.getByTestId('log-match-count')).toHaveText('1/1');
  await expect(page.locator('.log-line.current')).toContainText('needle-in-the-log');
  await page.getByTestId('log-viewport').evaluate((element) => {
    element.scrollTop = 0;
  });
  await expect(page.getByTestId('log-line').first()).toContainText('line 1');
});

test('pipelines are created, renamed and deleted from the workspace view; steps copied and pasted', async ({
  studio: page,
  workspace,
}) => {
  workspace.write(
    'pipelines/keep.pipeline.yaml',
    'version: 1\nname: keep\nsteps:\n  a:\n    run: echo a\n    outputs: [a.txt]\n',
  );
  await page.getByTestId('pipeline-item-keep').click();
  await stepNode(page, 'a').click();
  await page.keyboard.press('ControlOrMeta+c');
  await clickEmptyCanvas(page);
  await page.keyboard.press('ControlOrMeta+v');
  await expect(stepNode(page, 'a_2')).toBeVisible();
  await expect(page.getByTestId('problems-panel')).toContainText('"a.txt" is also written by step "a"');
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('keep').steps.a_2).toEqual({ run: 'echo a', outputs: ['a.txt'] });

  await page.getByTestId('pipeline-rename-keep').click({ force: true });
  await page.getByTestId('rename-pipeline-name').fill('kept');
  await page.getByTestId('rename-pipeline-name-ok').click();
  await expect(page.getByTestId('pipeline-title')).toHaveText('kept');
  expect(workspace.pipeline('kept').name).toBe('kept');

  await page.getByTestId('pipeline-delete-kept').click({ force: true });
  await expect(page.getByTestId('question-message')).toHaveText(
    'Delete pipeline kept? Its file is removed (git keeps its history).',
  );
  await page.getByTestId('question-confirm').click();
  await expect(page.getByTestId('pipeline-item-kept')).toHaveCount(0);
  await expect(page.getByTestId('canvas-empty')).toBeVisible();
});

test('dark theme', async ({ studio: page, workspace }) => {
  workspace.write(
    'pipelines/theme.pipeline.yaml',
    'version: 1\nname: theme\nsteps:\n  fetch:\n    run: echo fetch\n  fail:\n    run: exit 1\n    needs: [fetch]\n  after:\n    run: echo never\n    needs: [fail]\n',
  );
  await page.getByTestId('pipeline-item-theme').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await runPipeline(page);
  await expect(stepNode(page, 'after')).toHaveAttribute('data-status', 'skipped');
  await page.screenshot({ path: `${SCREENSHOTS}dark-theme-failed-run.png` });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
