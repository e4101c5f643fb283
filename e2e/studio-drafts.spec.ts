// Crash-safe editing: unsaved edits survive a reload of the page (what a crash or a closed
// window leaves) and are offered back in the studio's own dialog; the pipeline file is not
// touched until the user saves, and a draft whose file changed on disk since says so.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, SCREENSHOTS, test } from './studio-fixture.js';

test.use({ colorScheme: 'light' });

const PIPELINE = 'version: 1\nname: tidy\nsteps:\n  a:\n    run: echo a\n';

test('unsaved edits come back after a reload, and the file changes only on save', async ({
  studio: page,
  workspace,
}) => {
  const browserDialogs: string[] = [];
  page.on('dialog', (dialog) => {
    browserDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  workspace.write('pipelines/tidy.pipeline.yaml', PIPELINE);
  await page.reload();
  await expect(page.getByTestId('pipeline-title')).toHaveText('tidy');

  await page.getByTestId('pipeline-description').fill('Kept through a crash');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  const draft = join(workspace.root, '.pipewright/drafts/tidy.json');
  await expect.poll(() => existsSync(draft)).toBe(true);
  await page.reload();

  const offer = page.getByTestId('question-dialog');
  await expect(offer).toBeVisible();
  await expect(page.getByTestId('question-message')).toHaveText(/^Restore unsaved changes to tidy from \d{1,2}:\d{2}/);
  await expect(page.getByTestId('question-confirm')).toHaveText('Restore');
  await expect(page.getByTestId('question-cancel')).toHaveText('Discard');
  await page.screenshot({ path: `${SCREENSHOTS}restore-offer-light.png` });
  await page.getByTestId('question-confirm').click();
  await expect(page.getByTestId('pipeline-description')).toHaveValue('Kept through a crash');
  await expect(page.getByTestId('dirty-marker')).toBeVisible();
  expect(workspace.read('pipelines/tidy.pipeline.yaml')).toBe(PIPELINE);

  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  expect(workspace.pipeline('tidy').description).toBe('Kept through a crash');
  await expect.poll(() => existsSync(draft)).toBe(false);
  // Saved: nothing is offered after the next reload.
  await page.reload();
  await expect(page.getByTestId('pipeline-title')).toHaveText('tidy');
  await expect(offer).toHaveCount(0);
  expect(browserDialogs).toEqual([]);
});

test('a draft whose file changed on disk says so, and Discard drops it', async ({ studio: page, workspace }) => {
  workspace.write('pipelines/tidy.pipeline.yaml', PIPELINE);
  await page.reload();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('pipeline-description').fill('Mine');
  const draft = join(workspace.root, '.pipewright/drafts/tidy.json');
  await expect.poll(() => existsSync(draft)).toBe(true);
  const theirs = PIPELINE.replace('echo a', 'echo theirs');
  workspace.write('pipelines/tidy.pipeline.yaml', theirs);
  await page.reload();

  await expect(page.getByTestId('question-message')).toContainText('The file has changed on disk since');
  await page.screenshot({ path: `${SCREENSHOTS}restore-offer-dark.png` });
  await page.getByTestId('question-cancel').click();
  await expect(page.getByTestId('pipeline-description')).toHaveValue('');
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await expect.poll(() => existsSync(draft)).toBe(false);
  expect(workspace.read('pipelines/tidy.pipeline.yaml')).toBe(theirs);
  await page.getByTestId('theme-toggle').click();
});
