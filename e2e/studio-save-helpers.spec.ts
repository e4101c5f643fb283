// Saving says what changed and helps a new pipeline along: undo back to the saved state clears
// the unsaved marker, unsaved changes are asked about in the studio's own dialog (never the
// browser's), invalid names say why as they are typed, and a new pipeline gets its outputs
// into .gitignore (checked with git check-ignore), a starter script for a dropped step, a
// layout without deleted steps and a YAML file in the usual key order.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { clickEmptyCanvas, dropTemplate, expect, SCREENSHOTS, stepNode, test } from './studio-fixture.js';

test.use({ colorScheme: 'light' });

function git(root: string, ...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync('git', ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout };
}

/** Light then dark screenshots of a question that a click elsewhere would close: asked again for the dark one. */
async function questionInBothThemes(page: Page, name: string, ask: () => Promise<void>): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}-light.png` });
  await page.getByTestId('question-cancel').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await ask();
  await page.screenshot({ path: `${SCREENSHOTS}${name}-dark.png` });
  await page.getByTestId('question-cancel').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
}

test("undo back to the saved state clears the unsaved marker; switching with changes asks in the studio's dialog", async ({
  studio: page,
  workspace,
}) => {
  const browserDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    browserDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  workspace.write('pipelines/first.pipeline.yaml', 'version: 1\nname: first\nsteps:\n  a:\n    run: echo a\n');
  workspace.write('pipelines/second.pipeline.yaml', 'version: 1\nname: second\nsteps:\n  b:\n    run: echo b\n');
  await page.reload();
  await page.getByTestId('pipeline-item-first').click();
  await expect(page.getByTestId('pipeline-title')).toHaveText('first');

  await page.getByTestId('pipeline-description').fill('Draft text');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  await page.getByTestId('undo-button').click();
  await expect(page.getByTestId('pipeline-description')).toHaveValue('');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await page.getByTestId('redo-button').click();
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  // Typed back to what is saved is clean too.
  await page.getByTestId('pipeline-description').fill('');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await page.getByTestId('pipeline-description').fill('Unsaved words');
  const askToSwitch = async () => {
    await page.getByTestId('pipeline-item-second').click();
    await expect(page.getByTestId('question-dialog')).toBeVisible();
  };
  await askToSwitch();
  await expect(page.getByTestId('question-message')).toHaveText(
    'first has changes that are not saved. Open second and discard them?',
  );
  await expect(page.getByTestId('question-dialog')).toHaveAttribute('role', 'alertdialog');
  await questionInBothThemes(page, 'unsaved-changes-question', askToSwitch);
  await expect(page.getByTestId('pipeline-title')).toHaveText('first');
  await expect(page.getByTestId('pipeline-description')).toHaveValue('Unsaved words');

  await askToSwitch();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('question-dialog')).toHaveCount(0);
  await expect(page.getByTestId('pipeline-title')).toHaveText('first');
  await askToSwitch();
  await page.getByTestId('question-confirm').click();
  await expect(page.getByTestId('pipeline-title')).toHaveText('second');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.read('pipelines/first.pipeline.yaml')).not.toContain('Unsaved words');
  expect(browserDialogs).toEqual([]);
});

test('invalid names say why as they are typed', async ({ studio: page, workspace }) => {
  workspace.write(
    'pipelines/names.pipeline.yaml',
    'version: 1\nname: names\nparams:\n  region: { type: string, default: eu }\nsteps:\n  load:\n    run: echo a\n',
  );
  await page.reload();
  await page.getByTestId('pipeline-item-names').click();

  await page.getByTestId('new-pipeline-button').click();
  await page.getByTestId('new-pipeline-name').fill('sales/eu');
  await expect(page.getByTestId('new-pipeline-name-problem')).toHaveText(
    'a pipeline name cannot contain "/": use letters, digits, "_", "-" and "."',
  );
  await expect(page.getByTestId('new-pipeline-name-ok')).toBeDisabled();
  await page.getByTestId('new-pipeline-name').fill('sales-eu');
  await expect(page.getByTestId('new-pipeline-name-problem')).toHaveCount(0);
  await page.getByTestId('new-pipeline-name').press('Escape');

  await page.getByTestId('param-name-0').fill('1st-region');
  await expect(page.getByTestId('param-name-problem-0')).toHaveText(
    'a param name must start with a letter or "_", not "1"',
  );
  await page.getByTestId('param-name-0').fill('the region');
  await expect(page.getByTestId('param-name-problem-0')).toHaveText(
    'a param name cannot contain a space: use letters, digits and "_" (it becomes an environment variable)',
  );
  await page.getByTestId('param-name-0').press('Escape');

  await stepNode(page, 'load').click();
  await page.getByTestId('step-id-input').fill('load data!');
  await expect(page.getByTestId('step-id-problem')).toHaveText(
    'a step id cannot contain a space, "!": use letters, digits, "_" and "-"',
  );
  await expect(page.getByTestId('step-id-input')).toHaveAttribute('aria-invalid', 'true');
  const theme = page.locator('html');
  await expect(theme).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SCREENSHOTS}invalid-names-light.png` });
  await page.getByTestId('theme-toggle').click();
  await expect(theme).toHaveAttribute('data-theme', 'dark');
  await page.screenshot({ path: `${SCREENSHOTS}invalid-names-dark.png` });
  await page.getByTestId('theme-toggle').click();
  // Leaving the field with an invalid id keeps the step as it was.
  await page.getByTestId('step-id-input').press('Enter');
  await expect(stepNode(page, 'load')).toBeVisible();
  expect(workspace.pipeline('names').steps).toHaveProperty('load');
});

test('a new pipeline: starter script, outputs in .gitignore (asked once), usual key order, layout without deleted steps', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('.gitignore', "# the team's rules\n.pipewright/\n");
  expect(git(workspace.root, 'init', '-q', '-b', 'main').status).toBe(0);
  git(workspace.root, 'add', '-A');
  git(workspace.root, 'commit', '-qm', 'Workspace');
  await page.reload();

  await page.getByTestId('new-pipeline-button').click();
  await page.getByTestId('new-pipeline-name').fill('fresh');
  await page.getByTestId('new-pipeline-name-ok').click();
  await expect(page.getByTestId('pipeline-title')).toHaveText('fresh');

  await dropTemplate(page, 'python', 200, 220);
  await expect(page.getByTestId('question-message')).toHaveText(
    'The step runs steps/python.py, which does not exist yet. Create a starter Python script there?',
  );
  await page.getByTestId('question-confirm').click();
  await expect(page.getByTestId('notice')).toContainText('Created steps/python.py');
  expect(workspace.read('steps/python.py')).toContain('PW_PARAMS_FILE');
  await dropTemplate(page, 'shell', 520, 220);
  await expect(page.locator('[data-testid^="step-node-"]')).toHaveCount(2);
  await expect(page.getByTestId('question-dialog')).toHaveCount(0);

  await stepNode(page, 'python').click();
  await page.getByTestId('step-outputs').fill('out/model.pkl');
  await clickEmptyCanvas(page);
  await page.getByTestId('pipeline-description').fill('Trains the model');
  const askAboutOutputs = async () => {
    await page.getByTestId('save-button').click();
    await expect(page.getByTestId('question-message')).toContainText('The steps write out/model.pkl.');
  };
  await askAboutOutputs();
  await expect(page.getByTestId('question-confirm')).toHaveText('Add to .gitignore');
  await page.screenshot({ path: `${SCREENSHOTS}gitignore-question-light.png` });
  await page.getByTestId('question-confirm').click();
  await expect(page.getByTestId('notice').last()).toContainText('Added to .gitignore: /out/model.pkl');
  expect(git(workspace.root, 'check-ignore', '-q', 'out/model.pkl').status).toBe(0);
  expect(git(workspace.root, 'check-ignore', '-q', 'steps/python.py').status).toBe(1);
  expect(workspace.read('.gitignore').startsWith("# the team's rules\n.pipewright/\n")).toBe(true);
  expect(workspace.read('pipewright.yaml')).toContain('gitignore_outputs: true');

  // The description sits above the steps, though it was added last; the step keys are in the usual order.
  const text = workspace.read('pipelines/fresh.pipeline.yaml');
  expect(text.indexOf('description: Trains the model')).toBeGreaterThan(text.indexOf('name: fresh'));
  expect(text.indexOf('description: Trains the model')).toBeLessThan(text.indexOf('steps:'));
  expect(text).toMatch(/ {4}run: python3 steps\/python\.py\n {4}outputs:/);

  // Asked once: a further output is added by itself.
  await stepNode(page, 'shell').click();
  await page.getByTestId('step-outputs').fill('out/report.html');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('notice').last()).toContainText('Added to .gitignore: /out/report.html');
  await expect(page.getByTestId('question-dialog')).toHaveCount(0);
  expect(git(workspace.root, 'check-ignore', '-q', 'out/report.html').status).toBe(0);

  // A deleted step leaves no position behind in the layout file.
  expect(Object.keys(JSON.parse(workspace.read('pipelines/fresh.layout.json')).positions).sort()).toEqual([
    'python',
    'shell',
  ]);
  await page.getByTestId('step-delete').click();
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(Object.keys(JSON.parse(workspace.read('pipelines/fresh.layout.json')).positions)).toEqual(['python']);
  expect(existsSync(join(workspace.root, 'out'))).toBe(false);
});

test('the .gitignore question in the dark theme', async ({ studio: page, workspace }) => {
  expect(git(workspace.root, 'init', '-q', '-b', 'main').status).toBe(0);
  workspace.write(
    'pipelines/dark.pipeline.yaml',
    'version: 1\nname: dark\nsteps:\n  a:\n    run: echo a > out/a.csv\n    outputs: [out/a.csv]\n',
  );
  await page.reload();
  await page.getByTestId('pipeline-item-dark').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('pipeline-description').fill('d');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('question-message')).toContainText('The steps write out/a.csv.');
  await page.screenshot({ path: `${SCREENSHOTS}gitignore-question-dark.png` });
  await page.getByTestId('question-cancel').click();
  await expect(page.getByTestId('question-dialog')).toHaveCount(0);
  // The answer reaches pipewright.yaml through the node layer after the dialog closes.
  await expect.poll(() => workspace.read('pipewright.yaml')).toContain('gitignore_outputs: false');
  expect(git(workspace.root, 'check-ignore', '-q', 'out/a.csv').status).toBe(1);
  await page.getByTestId('theme-toggle').click();
});
