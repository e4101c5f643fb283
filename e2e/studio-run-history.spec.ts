// A long run history in the studio: 2,500 runs recorded in the workspace's state database. The
// list shows the newest first, keeps only the rows in view in the DOM, loads older pages as it
// scrolls down to the very first run, and that run opens on the canvas.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCREENSHOTS, expect, stepNode, test } from './studio-fixture.js';

const RUNS = 2500;
const PIPELINE = 'version: 1\nname: history\nsteps:\n  only:\n    run: echo only\n';

/** Runs a minute apart, oldest first, written as the engine writes finished runs. */
function recordRuns(root: string): string[] {
  const db = new Database(join(root, '.pipewright', 'state.db'));
  const ids: string[] = [];
  try {
    const run =
      db.prepare(`INSERT INTO runs (id, pipeline, pipeline_file, environment, status, params, selection, options, created_at, finished_at, git_branch)
      VALUES (?, 'history', 'pipelines/history.pipeline.yaml', NULL, ?, '{}', '{}', '{"maxParallel":1,"failFast":false,"noCache":false}', ?, ?, 'main')`);
    const step = db.prepare(
      `INSERT INTO step_runs (run_id, step_id, position, status, attempts) VALUES (?, 'only', 0, ?, 1)`,
    );
    db.transaction(() => {
      const start = Date.UTC(2026, 0, 1);
      for (let index = 0; index < RUNS; index += 1) {
        const id = `20260101-000000-000-${String(index).padStart(8, '0')}`;
        const status = index % 7 === 3 ? 'failed' : 'succeeded';
        run.run(id, status, start + index * 60_000, start + index * 60_000 + 1500);
        step.run(id, status);
        ids.push(id);
      }
    })();
  } finally {
    db.close();
  }
  return ids;
}

test('a history of 2,500 runs is windowed, pages in as it scrolls, and its first run opens', async ({
  studio: page,
  workspace,
}) => {
  workspace.write('pipelines/history.pipeline.yaml', PIPELINE);
  const ids = recordRuns(workspace.root);
  await page.getByTestId('pipeline-item-history').click();
  await expect(stepNode(page, 'only')).toBeVisible();
  await page.getByTestId('tab-history').click();

  const list = page.getByTestId('history-list');
  const rows = list.locator('.history-row');
  await expect(list.getByTestId(`history-run-${ids.at(-1) as string}`)).toBeVisible();
  expect(await rows.count()).toBeLessThan(40);
  await page.screenshot({ path: `${SCREENSHOTS}run-history-long-light.png` });

  // Scrolled to the end again and again: each time the next older page comes, until the first run.
  const oldest = list.getByTestId(`history-run-${ids[0] as string}`);
  await expect(async () => {
    await list.evaluate((element) => {
      element.scrollTop = element.scrollHeight;
    });
    await expect(oldest).toBeVisible({ timeout: 500 });
  }).toPass({ timeout: 60_000 });
  expect(await rows.count()).toBeLessThan(40);
  expect(await list.evaluate((element) => element.scrollHeight)).toBeGreaterThanOrEqual(RUNS * 62);

  await oldest.click();
  await expect(stepNode(page, 'only')).toHaveAttribute('data-status', 'succeeded');
  await expect(oldest).toHaveClass(/active/);
  await page.getByTestId('theme-toggle').click();
  await page.screenshot({ path: `${SCREENSHOTS}run-history-long-dark.png` });
});
