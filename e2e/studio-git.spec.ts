// Version control in the studio, checked with the git CLI: start versioning, create an
// experiment, change a param and a command, commit, see the diff on the canvas against main,
// switch back, change the same command on main, merge, resolve the conflict and complete.
import { spawnSync } from 'node:child_process';
import { clickEmptyCanvas, expect, SCREENSHOTS, setCommand, stepNode, test } from './studio-fixture.js';

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

test('an experiment from edit to merge, with the diff on the canvas and a resolved conflict', async ({
  studio: page,
  workspace,
}) => {
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
  await clickEmptyCanvas(page);
  await page.getByTestId('param-default-0').fill('0.05');
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);

  await page.getByTestId('tab-git').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toBeVisible();
  await page.getByTestId('git-commit-message').fill('Stricter cleaning on a smaller sample');
  await page.getByTestId('git-commit-all').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toHaveCount(0);
  expect(git(workspace.root, 'log', '-1', '--format=%s', 'smaller-sample')).toBe(
    'Stricter cleaning on a smaller sample\n',
  );
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
  await expect(page.getByTestId('merge-banner')).toContainText(
    'Merging smaller-sample into main: 1 file(s) with conflicts',
  );
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

  const parents = git(workspace.root, 'cat-file', '-p', 'HEAD')
    .split('\n')
    .filter((line) => line.startsWith('parent '));
  expect(parents).toHaveLength(2);
  expect(git(workspace.root, 'status', '--porcelain')).toBe('');
  const merged = workspace.pipeline('sales') as {
    params: { sample: { default: number } };
    steps: { clean: { run: string } };
  };
  expect(merged.steps.clean.run).toBe('python3 steps/clean.py --strict');
  expect(merged.params.sample.default).toBe(0.05);
  expect(workspace.read('pipelines/sales.pipeline.yaml')).toContain('# sales, by region');
  await expect(stepNode(page, 'clean')).toContainText('--strict');
  expect(spawnSync('git', ['fsck', '--strict'], { cwd: workspace.root }).status).toBe(0);
});

test('uncommitted work is carried over or protected, and a past version can be viewed and restored', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  workspace.write('notes.txt', 'first\n');
  git(workspace.root, 'init', '-q', '-b', 'main');
  git(workspace.root, 'add', '-A');
  git(
    workspace.root,
    '-c',
    'user.name=Ana',
    '-c',
    'user.email=ana@example.com',
    'commit',
    '-qm',
    'Made with the git CLI',
  );
  git(workspace.root, 'branch', 'other');
  await page.getByTestId('tab-git').click();
  await expect(page.getByTestId('git-branch-other')).toBeVisible();
  await expect(page.getByTestId('git-history')).toContainText('Made with the git CLI');

  // "other" changes notes.txt; the pipeline is the same on both branches.
  await page.getByTestId('git-switch-other').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('other');
  workspace.write('notes.txt', 'changed on other\n');
  await expect(page.getByTestId('git-file-notes.txt')).toBeVisible();
  await page.getByTestId('git-commit-message').fill('Notes on other');
  await page.getByTestId('git-commit-all').click();
  await expect(page.getByTestId('git-file-notes.txt')).toHaveCount(0);
  await page.getByTestId('git-switch-main').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('main');

  await page.getByTestId('tab-pipelines').click();
  await page.getByTestId('pipeline-item-sales').click();
  await setCommand(page, 'clean', 'python3 steps/clean.py --draft');
  await page.getByTestId('save-button').click();
  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-switch-other').click();
  await expect(page.getByTestId('decision-dialog')).toBeVisible();
  await expect(page.getByTestId('decision-files')).toContainText('pipelines/sales.pipeline.yaml');
  await page.getByTestId('decision-carry').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('other');
  expect(workspace.read('pipelines/sales.pipeline.yaml')).toContain('--draft');
  expect(workspace.read('notes.txt')).toBe('changed on other\n');

  // A change to a file the switch would rewrite stops it, and nothing is lost.
  workspace.write('notes.txt', 'precious unsaved notes\n');
  await expect(page.getByTestId('git-file-notes.txt')).toBeVisible();
  await page.getByTestId('git-switch-main').click();
  await expect(page.getByTestId('notice')).toContainText('would overwrite uncommitted changes in notes.txt');
  await expect(page.getByTestId('git-current-branch')).toHaveText('other');
  expect(workspace.read('notes.txt')).toBe('precious unsaved notes\n');

  // The pipeline as it was in the first commit, read-only, then restored into the working copy.
  const first = git(workspace.root, 'rev-list', '--max-parents=0', 'HEAD').trim().slice(0, 7);
  await page.getByTestId(`git-commit-${first}`).click();
  await page.getByTestId(`git-view-sales-${first}`).click();
  await expect(page.getByTestId('viewing-banner')).toContainText(`(${first}), read-only`);
  await expect(stepNode(page, 'clean')).not.toContainText('--draft');
  await page.getByTestId('viewing-back').click();
  await expect(page.getByTestId('viewing-banner')).toHaveCount(0);
  await expect(stepNode(page, 'clean')).toContainText('--draft');

  await page.getByTestId(`git-view-sales-${first}`).click();
  // The working copy has uncommitted changes: restoring asks before replacing them.
  await page.getByTestId('viewing-restore').click();
  await expect(page.getByTestId('question-message')).toContainText(
    'has uncommitted changes. Replace them with the version at',
  );
  await page.getByTestId('question-confirm').click();
  await expect.poll(() => workspace.read('pipelines/sales.pipeline.yaml')).toBe(PIPELINE);
  await expect(page.getByTestId('viewing-banner')).toHaveCount(0);
  await expect(stepNode(page, 'clean')).not.toContainText('--draft');
});

test('aborting a merge asks before discarding files edited during it', async ({ studio: page, workspace }) => {
  const commit = (message: string) => {
    git(workspace.root, 'add', '-A');
    git(workspace.root, '-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', 'commit', '-qm', message);
  };
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  workspace.write('notes.txt', 'first\n');
  git(workspace.root, 'init', '-q', '-b', 'main');
  commit('first');
  git(workspace.root, 'checkout', '-q', '-b', 'other');
  workspace.write('notes.txt', 'changed on other\n');
  workspace.write('extra.txt', 'from other\n');
  commit('other');
  git(workspace.root, 'checkout', '-q', 'main');
  workspace.write('notes.txt', 'changed on main\n');
  commit('main');

  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-merge').click();
  await page.getByTestId('merge-branch').selectOption('other');
  await page.getByTestId('merge-confirm').click();
  await expect(page.getByTestId('merge-banner')).toContainText('Merging other into main: 1 file(s) with conflicts');
  workspace.write('extra.txt', 'edited during the merge\n');

  await page.getByTestId('merge-abort').click();
  await expect(page.getByTestId('abort-merge-dialog')).toBeVisible();
  await expect(page.getByTestId('abort-merge-files')).toHaveText('extra.txt');
  await page.getByTestId('abort-merge-cancel').click();
  await expect(page.getByTestId('abort-merge-dialog')).toHaveCount(0);
  await expect(page.getByTestId('git-merge-section')).toBeVisible();
  expect(workspace.read('extra.txt')).toBe('edited during the merge\n');

  await page.getByTestId('merge-abort').click();
  await page.getByTestId('abort-merge-discard').click();
  await expect(page.getByTestId('git-merge-section')).toHaveCount(0);
  expect(workspace.read('notes.txt')).toBe('changed on main\n');
  expect(git(workspace.root, 'status', '--porcelain')).toBe('');
});
