// Version control in the studio, checked with the git CLI: start versioning, create an
// experiment, change a param and a command, commit, see the diff on the canvas against main,
// switch back, change the same command on main, merge, resolve the conflict and complete.
import { spawnSync } from 'node:child_process';
import { SCREENSHOTS, expect, setCommand, stepNode, test } from './studio-fixture.js';

const PIPELINE = `# sales, by region
version: 1
name: sales
params:
  sample: { type: number, default: 0.1 }
steps:
  ingest:
    run: python3 steps/ingest.py
    outputs: [data/orders.csv]
  clean:
    run: python3 steps/clean.py
    inputs: [data/orders.csv]
`;

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

test('an experiment from edit to merge, with the diff on the canvas and a resolved conflict', async ({ studio: page, workspace }) => {
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-init').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('main');
  expect(git(workspace.root, 'log', '--format=%s')).toBe('Start versioning the workspace\n');
  expect(workspace.read('.gitignore')).toContain('.pipewright/');
  expect(workspace.read('.gitignore')).toContain('/data/orders.csv');

  await page.getByTestId('git-new-experiment').click();
  await page.getByTestId('new-experiment-name').fill('bad name');
  await expect(page.getByTestId('new-experiment-problem')).toHaveText('a name cannot contain spaces');
  await page.getByTestId('new-experiment-name').fill('smaller-sample');
  await page.getByTestId('new-experiment-create').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('smaller-sample');
  expect(git(workspace.root, 'branch', '--show-current')).toBe('smaller-sample\n');

  await page.getByTestId('tab-pipelines').click();
  await page.getByTestId('pipeline-item-sales').click();
  await setCommand(page, 'clean', 'python3 steps/clean.py --strict');
  await page.getByTestId('canvas').click({ position: { x: 40, y: 400 } });
  await page.getByTestId('param-default-0').fill('0.05');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await page.getByTestId('tab-git').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toBeVisible();
  await page.getByTestId('git-commit-message').fill('Stricter cleaning on a smaller sample');
  await page.getByTestId('git-commit-all').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toHaveCount(0);
  expect(git(workspace.root, 'log', '-1', '--format=%s', 'smaller-sample')).toBe('Stricter cleaning on a smaller sample\n');
  expect(git(workspace.root, 'status', '--porcelain')).toBe('');

  // The diff against main, on the canvas.
  await page.getByTestId('compare-select').selectOption('main');
  await expect(page.getByTestId('compare-banner')).toContainText('1 step changed, 1 param changed');
  await expect(stepNode(page, 'clean')).toHaveAttribute('data-mark', 'changed');
  await expect(stepNode(page, 'ingest')).toHaveAttribute('data-mark', 'none');
  await stepNode(page, 'clean').click();
  await expect(page.getByTestId('step-change-run')).toContainText('python3 steps/clean.py');
  await expect(page.getByTestId('step-change-run')).toContainText('python3 steps/clean.py --strict');
  await page.screenshot({ path: `${SCREENSHOTS}git-diff-on-canvas.png` });
  await page.getByTestId('compare-exit').click();

  // Back on main, the same command changes another way: a conflict to come.
  await page.getByTestId('git-switch-main').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('main');
  await expect(stepNode(page, 'clean')).toContainText('python3 steps/clean.py');
  await expect(stepNode(page, 'clean')).not.toContainText('--strict');
  await setCommand(page, 'clean', 'python3 steps/clean.py --fast');
  await page.getByTestId('save-button').click();
  await page.getByTestId('git-commit-message').fill('Faster cleaning');
  await page.getByTestId('git-commit-all').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toHaveCount(0);

  await page.getByTestId('git-merge').click();
  await page.getByTestId('merge-branch').selectOption('smaller-sample');
  await expect(page.getByTestId('merge-preview')).toContainText('sales');
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('merge-banner')).toContainText('Merging smaller-sample into main: 1 file(s) with conflicts');
  expect(git(workspace.root, 'status', '--porcelain')).toBe('UU pipelines/sales.pipeline.yaml\n');
  await expect(stepNode(page, 'clean')).toHaveAttribute('data-mark', 'conflict');
  await expect(page.getByTestId('read-only-banner')).toContainText('it has merge conflicts');
  await expect(page.getByTestId('conflict-steps.clean.run')).toContainText('ours: python3 steps/clean.py --fast');
  await expect(page.getByTestId('conflict-steps.clean.run')).toContainText('theirs: python3 steps/clean.py --strict');
  await page.screenshot({ path: `${SCREENSHOTS}git-merge-conflict.png` });
  await page.getByTestId('conflict-steps.clean.run-theirs').click();
  await page.getByTestId('resolve-pipelines/sales.pipeline.yaml').click();
  await expect(page.getByTestId('merge-open-conflicts')).toHaveText('Every conflict is resolved.');
  await page.getByTestId('merge-complete').click();
  await expect(page.getByTestId('git-merge-section')).toHaveCount(0);

  const parents = git(workspace.root, 'cat-file', '-p', 'HEAD').split('\n').filter((line) => line.startsWith('parent '));
  expect(parents).toHaveLength(2);
  expect(git(workspace.root, 'status', '--porcelain')).toBe('');
  const merged = workspace.pipeline('sales') as { params: { sample: { default: number } }; steps: { clean: { run: string } } };
  expect(merged.steps.clean.run).toBe('python3 steps/clean.py --strict');
  expect(merged.params.sample.default).toBe(0.05);
  expect(workspace.read('pipelines/sales.pipeline.yaml')).toContain('# sales, by region');
  await expect(stepNode(page, 'clean')).toContainText('--strict');
  expect(spawnSync('git', ['fsck', '--strict'], { cwd: workspace.root }).status).toBe(0);
});
