// The two journeys in the studio, checked with the git CLI: the run dialog shows where each
// param comes from and runs production in test; an experiment made in the Git view changes a
// param, its gate fails in the Experiments view with the failing condition and its metric beside
// production's, a fix passes and is promoted; Production shows the release the schedules run
// (one of them running by itself), the Git view the merge and its tag; and the two gate runs
// are compared in the run history, on the canvas and in a table. Screenshots in both themes.
import { spawnSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { BUSYBOX_IMAGE, dockerMissing } from '../electron/testing/docker-support.js';
import { clickEmptyCanvas, expect, screenshotBothThemes, SCREENSHOTS, stepNode, test } from './studio-fixture.js';

const SETTINGS = `version: 1
default_environment: dev
environments:
  dev:
    description: local development
  test:
    description: where experiments are judged
    params: { region: eu }
  prod:
    description: production
promotion:
  production: main
  path: [dev, test, prod]
  gate:
    tests: no-errors
    metrics:
      - { step: make, metric: "rows:data/out.csv", min: 3 }
schedules:
  nightly-sales: { pipeline: sales, environment: prod, cron: "0 6 * * *", timezone: Europe/Berlin }
  orders-check: { pipeline: orders, environment: prod, cron: "*/3 * * * * *" }
`;

const ORDERS = `version: 1
name: orders
steps:
  check:
    run: echo orders are fine
`;

const PIPELINE = `version: 1
name: sales
params:
  rows: { type: integer, default: 5, description: rows of the daily extract }
  region: { type: string, default: all }
steps:
  make:
    run: 'mkdir -p data; printf "id\\n" > data/out.csv; seq 1 "$PW_PARAM_ROWS" >> data/out.csv'
    outputs: [data/out.csv]
    tests:
      - name: enough rows
        row_count: { path: data/out.csv, min: 3 }
  report:
    run: wc -l data/out.csv
    inputs: [data/out.csv]
`;

function git(root: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.name=Ana', '-c', 'user.email=ana@example.com', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** Sets the first param's default in the pipeline panel, saves, and commits everything. */
async function commitRows(page: Page, rows: string, message: string): Promise<void> {
  await page.getByTestId('tab-pipelines').click();
  await clickEmptyCanvas(page);
  await page.getByTestId('param-default-0').fill(rows);
  await page.getByTestId('save-button').click();
  await expect(page.getByTestId('dirty-marker')).toHaveCount(0);
  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-commit-message').fill(message);
  await page.getByTestId('git-commit-all').click();
  await expect(page.getByTestId('git-file-pipelines/sales.pipeline.yaml')).toHaveCount(0);
}

test.use({ settings: SETTINGS, colorScheme: 'light' });

test('an experiment fails its gate, is fixed and promoted; production runs the release; the gate runs are compared', async ({
  studio: page,
  workspace,
}) => {
  test.setTimeout(120_000);
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  workspace.write('pipelines/orders.pipeline.yaml', ORDERS);
  workspace.write('.gitignore', '.pipewright/\n/data/\n');
  git(workspace.root, 'init', '-q', '-b', 'main');
  git(workspace.root, 'add', '-A');
  git(workspace.root, 'commit', '-qm', 'Sales, daily');
  await page.getByTestId('pipeline-item-sales').click();

  // The run dialog: each param's value and where it comes from, as the environment and overrides change.
  await page.getByTestId('run-button').click();
  const region = page.getByTestId('run-param-effective-region');
  await expect(region).toHaveAttribute('data-source', 'default');
  await page.getByTestId('run-environment').selectOption('test');
  await expect(region).toHaveAttribute('data-source', 'environment');
  await expect(region).toContainText('runs with "eu"environment test');
  await page.getByTestId('run-param-rows').fill('7');
  await expect(page.getByTestId('run-param-effective-rows')).toHaveAttribute('data-source', 'run');
  await expect(page.getByTestId('run-param-effective-rows')).toContainText('runs with 7run override');
  await page.getByTestId('run-dialog').screenshot({ path: `${SCREENSHOTS}journeys-run-dialog-params.png` });
  await page.getByTestId('run-param-rows').fill('');
  await expect(page.getByTestId('run-param-effective-rows')).toContainText('runs with 5pipeline default');
  // Production's run in test: what the experiment's metrics are set beside.
  await page.getByTestId('run-confirm').click();
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-run-status', 'succeeded');

  // An experiment with fewer rows, made and committed in the Git view.
  await page.getByTestId('tab-git').click();
  await page.getByTestId('git-new-experiment').click();
  await page.getByTestId('new-experiment-name').fill('fewer-rows');
  await page.getByTestId('new-experiment-create').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('fewer-rows');
  await commitRows(page, '2', 'Fewer rows');
  const mainBefore = git(workspace.root, 'rev-parse', 'main').trim();

  // Its gate fails in the Experiments view, naming the failing conditions; nothing changes in git.
  await page.getByTestId('tab-experiments').click();
  const card = page.getByTestId('experiment-fewer-rows');
  await expect(card.getByTestId('gate-verdict')).toHaveAttribute('data-verdict', 'none');
  await card.getByTestId('experiment-promote-fewer-rows').click();
  await expect(card.getByTestId('promotion-progress')).toHaveAttribute('data-result', 'gate-failed');
  await expect(card.getByTestId('promotion-phase-judge')).toHaveAttribute('data-state', 'failed');
  await expect(card.getByTestId('promotion-phase-merge')).toHaveAttribute('data-state', 'skipped');
  await expect(card.getByTestId('promotion-outcome')).toContainText('the gate failed');
  await expect(card.getByTestId('gate-verdict')).toHaveAttribute('data-verdict', 'failed');
  const failedTests = card.locator('[data-testid="gate-condition"][data-pipeline="sales"][data-kind="tests"]');
  await expect(failedTests).toHaveAttribute('data-passed', 'false');
  await expect(failedTests.getByTestId('gate-observed')).toContainText('enough rows');
  const rowsCondition = card.locator('[data-testid="gate-condition"][data-pipeline="sales"][data-kind="metric"]');
  await expect(rowsCondition).toHaveAttribute('data-passed', 'false');
  await expect(rowsCondition.getByTestId('gate-observed')).toHaveText('2');
  await expect(rowsCondition.getByTestId('gate-required')).toContainText('3');
  await expect(card.getByTestId('experiment-run').filter({ hasText: 'sales' })).toHaveAttribute(
    'data-status',
    'failed',
  );
  await expect(card.getByTestId('experiment-run').filter({ hasText: 'orders' })).toHaveAttribute(
    'data-status',
    'succeeded',
  );
  const rowsBeside = card.locator('[data-testid="metric-beside"][data-metric="rows:data/out.csv"]');
  await expect(rowsBeside).toContainText('5');
  await expect(rowsBeside.getByTestId('metric-delta')).toHaveText('−3');
  expect(git(workspace.root, 'rev-parse', 'main').trim()).toBe(mainBefore);
  expect(git(workspace.root, 'tag', '--list')).toBe('');
  await screenshotBothThemes(page, 'journeys-experiments-failed-gate');

  // Fixed: enough rows. Promoted into main as release-1.
  await commitRows(page, '4', 'Enough rows after all');
  await page.getByTestId('tab-experiments').click();
  await card.getByTestId('experiment-promote-fewer-rows').click();
  await expect(card.getByTestId('promotion-progress')).toHaveAttribute('data-result', 'promoted');
  await expect(card.getByTestId('promotion-release')).toHaveText('release-1');
  await expect(card.getByTestId('gate-verdict')).toHaveAttribute('data-verdict', 'passed');
  const merge = git(workspace.root, 'rev-parse', 'main').trim();
  expect(git(workspace.root, 'rev-list', '--parents', '-n', '1', 'main').trim().split(' ')).toHaveLength(3);
  expect(git(workspace.root, 'rev-parse', 'release-1^{commit}').trim()).toBe(merge);

  // Production: the schedule runs release-1; the release lists its gate report.
  await page.getByTestId('tab-production').click();
  const schedule = page.getByTestId('schedule-nightly-sales');
  await expect(schedule.getByTestId('schedule-release')).toContainText('release-1');
  await expect(schedule.getByTestId('schedule-next')).toContainText(/^in /);
  await expect(schedule.getByTestId('schedule-next-at')).toContainText('06:00 Europe/Berlin');
  const release = page.getByTestId('release-release-1');
  await expect(release).toContainText('fewer-rows');
  await expect(release.getByTestId('gate-condition')).not.toHaveCount(0);
  await expect(release.locator('[data-testid="gate-condition"][data-passed="false"]')).toHaveCount(0);
  await schedule.getByTestId('schedule-pause-nightly-sales').click();
  await expect(schedule).toHaveAttribute('data-paused', 'true');
  await expect(schedule.getByTestId('schedule-next')).toHaveText('paused');
  await schedule.getByTestId('schedule-pause-nightly-sales').click();
  await expect(schedule).toHaveAttribute('data-paused', 'false');
  // A schedule every three seconds has run by itself: its runs make the strip.
  const orders = page.getByTestId('schedule-orders-check');
  await expect(orders.getByTestId('schedule-run').first()).toHaveAttribute('data-verdict', 'pass');
  await expect(orders.getByTestId('schedule-release')).toContainText('release-1');
  await screenshotBothThemes(page, 'journeys-production');
  await schedule.getByTestId('schedule-monitor-nightly-sales').click();
  await expect(page.getByTestId('monitor-page').getByTestId('monitor-pipeline')).toHaveText('sales');
  await expect(page.getByTestId('monitor-environment')).toHaveValue('prod');

  // The two gate runs, compared from the run history: on the canvas and in a table.
  await page.getByTestId('tab-history').click();
  const picks = page
    .locator('li')
    .filter({ hasText: 'promotion fewer-rows' })
    .locator('[data-testid^="history-pick-"]');
  await expect(picks).toHaveCount(2);
  await picks.nth(0).check();
  await picks.nth(1).check();
  await page.getByTestId('history-compare').click();
  const panel = page.getByTestId('compare-panel');
  await expect(panel.getByTestId('compare-param-rows')).toHaveAttribute('data-differs', 'true');
  await expect(panel.getByTestId('compare-param-rows').locator('[data-side="a"]')).toContainText('2');
  await expect(panel.getByTestId('compare-param-rows').locator('[data-side="b"]')).toContainText('4');
  await expect(panel.getByTestId('compare-step-make')).toHaveAttribute('data-differs', 'true');
  await expect(panel.getByTestId('compare-step-report')).toHaveAttribute('data-differs', 'true');
  await expect(panel.getByTestId('compare-test-make-enough rows')).toContainText('failed');
  await expect(panel.getByTestId('compare-metric-make-rows:data/out.csv')).toContainText('+2');
  await expect(panel.getByTestId('compare-param-region')).toHaveCount(0);
  await panel.getByTestId('compare-only-differences').uncheck();
  await expect(panel.getByTestId('compare-param-region')).toContainText('environment test');
  await expect(stepNode(page, 'make')).toHaveAttribute('data-mark', 'differs');
  await expect(page.getByTestId('mark-make')).toHaveText('failed → succeeded');
  await expect(stepNode(page, 'report')).toHaveAttribute('data-mark', 'differs');
  await panel.getByTestId('compare-only-differences').check();
  await screenshotBothThemes(page, 'journeys-compare-runs');
  await panel.getByTestId('compare-close').click();
  await expect(panel).toHaveCount(0);
  await expect(stepNode(page, 'make')).toHaveAttribute('data-mark', 'none');

  // A past run says what it ran: the revision, who started it, each param with its source.
  await page
    .locator('li')
    .filter({ hasText: 'promotion fewer-rows' })
    .first()
    .locator('[data-testid^="history-run-"]')
    .click();
  const provenance = page.getByTestId('run-provenance');
  await expect(provenance.getByTestId('run-provenance-trigger')).toHaveText('promotion fewer-rows');
  await expect(provenance.getByTestId('run-provenance-revision')).toContainText('fewer-rows at ');
  await expect(provenance.getByTestId('provenance-param-region')).toContainText('"eu" environment test');
  await page.getByTestId('run-history').screenshot({ path: `${SCREENSHOTS}journeys-run-provenance.png` });
  await page.getByTestId('history-close').click();

  // The Git view: the release tag, and on main the merge of the experiment.
  await page.getByTestId('tab-git').click();
  await expect(page.getByTestId('git-tag-release-1')).toBeVisible();
  await page.getByTestId('git-switch-main').click();
  await expect(page.getByTestId('git-current-branch')).toHaveText('main');
  await expect(page.getByTestId(`git-commit-${merge.slice(0, 7)}`)).toContainText(
    "Merge branch 'fewer-rows' into main (release-1)",
  );
  expect(spawnSync('git', ['fsck', '--strict'], { cwd: workspace.root }).status).toBe(0);
});

test.describe('a workspace without the journeys set up', () => {
  test.use({ settings: 'version: 1\nenvironments:\n  dev:\n    description: local development\n' });

  test('Production and Experiments say what to do when there is no schedule, release or experiment', async ({
    studio: page,
    workspace,
  }) => {
    workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
    git(workspace.root, 'init', '-q', '-b', 'main');
    git(workspace.root, 'add', '-A');
    git(workspace.root, 'commit', '-qm', 'Sales, daily');
    await page.getByTestId('tab-production').click();
    await expect(page.getByTestId('schedules-empty')).toContainText('Add a schedule to pipewright.yaml');
    await expect(page.getByTestId('releases-empty')).toContainText('No release yet.');
    await page.screenshot({ path: `${SCREENSHOTS}journeys-production-empty.png` });
    await page.getByTestId('tab-experiments').click();
    await expect(page.getByTestId('experiments-empty')).toContainText('create one in the Git view');
    await page.screenshot({ path: `${SCREENSHOTS}journeys-experiments-empty.png` });
  });
});

test('in a workspace without git, Production and Experiments offer to start versioning instead of an error', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
  await page.getByTestId('tab-production').click();
  await expect(page.getByTestId('not-versioned')).toContainText('not versioned yet');
  await expect(page.getByTestId('production-error')).toHaveCount(0);
  await page.getByTestId('tab-experiments').click();
  await expect(page.getByTestId('not-versioned')).toContainText('git branch');
  await expect(page.getByTestId('experiments-error')).toHaveCount(0);
  await screenshotBothThemes(page, 'journeys-experiments-not-versioned');

  await page.getByTestId('not-versioned-init').click();
  await expect(page.getByTestId('experiments-empty')).toBeVisible();
  await expect(page.getByTestId('not-versioned')).toHaveCount(0);
  expect(git(workspace.root, 'log', '--format=%s').trim().split('\n')).toHaveLength(1);
  await page.getByTestId('tab-production').click();
  await expect(page.getByTestId('releases-empty')).toContainText('No release yet.');
  await expect(page.getByTestId('not-versioned')).toHaveCount(0);
  await expect(page.getByTestId('production-error')).toHaveCount(0);
});

test.describe('an environment of its own for an experiment', () => {
  test.use({
    settings: `version: 1\nenvironments:\n  test:\n    runner: docker\n    image: ${BUSYBOX_IMAGE}\n  prod:\n    description: production\npromotion:\n  path: [test, prod]\n`,
  });

  test('is provisioned in one click and, after asking, torn down when the branch is deleted', async ({
    studio: page,
    workspace,
  }) => {
    test.skip(dockerMissing !== null && process.env.CI !== 'true', `needs Docker: ${dockerMissing ?? ''}`);
    workspace.write('pipelines/sales.pipeline.yaml', PIPELINE);
    workspace.write('.gitignore', '.pipewright/\n/data/\n');
    git(workspace.root, 'init', '-q', '-b', 'main');
    git(workspace.root, 'add', '-A');
    git(workspace.root, 'commit', '-qm', 'Sales, daily');
    git(workspace.root, 'branch', 'bigger-sample');

    await page.getByTestId('tab-experiments').click();
    const environment = page.getByTestId('branch-env-bigger-sample');
    await expect(environment).toHaveAttribute('data-environment', '');
    await page.getByTestId('branch-env-up-bigger-sample').click();
    await expect(environment).toHaveAttribute('data-environment', 'test');
    await expect(environment.getByTestId('branch-env-name')).toHaveText('test');
    await page.screenshot({ path: `${SCREENSHOTS}journeys-experiments-branch-environment.png` });

    await page.getByTestId('tab-git').click();
    await page.getByTestId('git-branch-bigger-sample').hover();
    await page.getByTestId('git-delete-bigger-sample').click();
    // Both questions in the studio's own dialog, one after the other.
    await expect(page.getByTestId('question-message')).toHaveText('Delete the experiment bigger-sample?');
    await page.getByTestId('question-confirm').click();
    await expect(page.getByTestId('question-message')).toHaveText(
      'bigger-sample was deleted. Tear down its environment test (its containers, network and data volumes)?',
    );
    await page.getByTestId('question-confirm').click();
    await expect(page.getByTestId('git-branch-bigger-sample')).toHaveCount(0);
    await expect(page.getByTestId('notice')).toContainText('The environment of bigger-sample is torn down');
    await page.getByTestId('tab-experiments').click();
    await expect(page.getByTestId('experiments-empty')).toBeVisible();
  });
});
