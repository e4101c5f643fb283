// Export… from the toolbar: the open pipeline as an Argo Workflow, a CronWorkflow from the
// workspace's schedule, or a GitHub Actions workflow, previewed as the options change and
// saved into the workspace, never over an existing file without asking.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SCREENSHOTS, expect, test } from './studio-fixture.js';

const SETTINGS = `version: 1
default_environment: dev
environments:
  dev:
    description: local development
  prod:
    runner: docker
    image: python:3.12-slim
    resources: { cpus: 2, memory: 1g }
    params: { region: eu }
schedules:
  nightly:
    pipeline: sales
    environment: prod
    cron: "0 6 * * *"
`;

const PIPELINE = `version: 1
name: sales
params:
  region: { type: string, default: all, enum: [all, eu, us] }
steps:
  ingest:
    run: python3 steps/ingest.py
    outputs: [data/orders.csv]
    retries: 2
    tests:
      - row_count: { path: data/orders.csv, min: 1 }
  clean:
    run: python3 steps/clean.py
    inputs: [data/orders.csv]
    timeout: 10m
`;

function git(root: string, ...args: string[]): void {
  const result = spawnSync('git', args, {
    cwd: root,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'T',
      GIT_AUTHOR_EMAIL: 't@example.com',
      GIT_COMMITTER_NAME: 'T',
      GIT_COMMITTER_EMAIL: 't@example.com',
    },
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

test.use({ settings: SETTINGS });

test('exports the open pipeline to Argo and CI with a live preview, and saves into the workspace', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  git(workspace.root, 'init', '-q', '-b', 'main');
  git(workspace.root, 'add', '-A');
  git(workspace.root, 'commit', '-qm', 'sales');
  git(workspace.root, 'remote', 'add', 'origin', 'https://git.example.com/team/sales.git');
  await page.getByTestId('pipeline-item-sales').click();
  await page.getByTestId('export-button').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  // dev runs steps as local processes: the cluster needs an image, and the dialog says so.
  await expect(page.getByTestId('export-problem')).toContainText('environment "dev" runs steps as local processes');
  await page.getByTestId('export-environment').selectOption('prod');
  const preview = page.getByTestId('export-preview');
  await expect(preview).toContainText('kind: Workflow');
  const workflow = parse(await preview.innerText()) as {
    spec: { arguments: { parameters: unknown[] }; templates: { name: string; retryStrategy?: { limit: string } }[] };
  };
  expect(workflow.spec.arguments.parameters).toEqual([{ name: 'region', value: 'eu', enum: ['all', 'eu', 'us'] }]);
  expect(workflow.spec.templates.map((template) => template.name)).toEqual([
    'pipeline',
    'checkout',
    'ingest',
    'ingest-tests',
    'clean',
  ]);
  expect(workflow.spec.templates.find((template) => template.name === 'ingest')?.retryStrategy?.limit).toBe('2');

  await page.getByTestId('export-target').selectOption('argo-cron-workflow');
  await expect(preview).toContainText('kind: CronWorkflow');
  await expect(preview).toContainText('0 6 * * *');
  await expect(page.getByTestId('export-file')).toHaveValue('argo/sales.cronworkflow.yaml');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.screenshot({ path: `${SCREENSHOTS}export-argo-light.png` });

  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('export-saved')).toHaveText('Saved argo/sales.cronworkflow.yaml');
  expect(parse(workspace.read('argo/sales.cronworkflow.yaml'))).toMatchObject({
    kind: 'CronWorkflow',
    spec: { schedules: ['0 6 * * *'] },
  });

  // The same dialog in the dark theme (the toggle sits behind the dialog: close, toggle, reopen).
  await dialog.getByTitle('Close').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-environment').selectOption('prod');
  await page.getByTestId('export-target').selectOption('argo-cron-workflow');
  await expect(preview).toContainText('kind: CronWorkflow');
  await page.screenshot({ path: `${SCREENSHOTS}export-argo-dark.png` });

  await page.getByTestId('export-target').selectOption('github-actions');
  await expect(preview).toContainText('pipewright run sales --env prod --quiet --junit pipewright-reports/sales.xml');
  await expect(page.getByTestId('export-file')).toHaveValue('.github/workflows/pipewright.yml');
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('export-saved')).toBeVisible();
  const first = workspace.read('.github/workflows/pipewright.yml');

  // Saving again asks before overwriting; nothing is written until the user says so.
  await page.getByTestId('export-environment').selectOption('');
  await expect(preview).not.toContainText('--env prod');
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('export-exists')).toHaveText('.github/workflows/pipewright.yml exists: overwrite it?');
  expect(workspace.read('.github/workflows/pipewright.yml')).toBe(first);
  await page.screenshot({ path: `${SCREENSHOTS}export-ci-overwrite-dark.png` });
  await page.getByTestId('export-overwrite').click();
  await expect(page.getByTestId('export-saved')).toBeVisible();
  expect(workspace.read('.github/workflows/pipewright.yml')).toContain('pipewright run sales --quiet --junit');

  // A path out of the workspace is refused by the node layer.
  await page.getByTestId('export-file').fill('../outside.yml');
  await page.getByTestId('export-save').click();
  await expect(page.getByTestId('export-save-problem')).toContainText('a path inside the repository');
  expect(existsSync(join(workspace.root, '..', 'outside.yml'))).toBe(false);
  await dialog.getByTitle('Close').click();
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('export-button').click();
  await page.getByTestId('export-target').selectOption('gitlab-ci');
  await expect(preview).toContainText('merge_request_event');
  await page.screenshot({ path: `${SCREENSHOTS}export-gitlab-light.png` });
});
