// `pipewright runs prune` through the built CLI on a real workspace: runs made by the engine
// on two branches of a real git repository, one of them released. Pruning deletes exactly the
// runs the policy names and no others (checked in the database file and on disk), never follows
// a symlink out of the state folder, and leaves a compact, intact database.
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../shared/run/run-types.js';
import type { PruneReport } from '../services/store/run-pruning.js';
import { runCli } from '../testing/cli-process.js';
import { gitCli, tempRepository } from '../testing/git-cli.js';
import type { TempWorkspace } from '../testing/temp-workspace.js';
import { pipelineYaml } from '../testing/temp-workspace.js';

const PIPELINE = pipelineYaml(
  'chatty',
  '  talk:\n    run: \'for i in 1 2 3 4 5; do echo "line $i of a log worth keeping"; done\'\n',
);

let workspace: TempWorkspace;
let outside: string | null = null;
afterEach(() => {
  workspace?.remove();
  if (outside) rmSync(outside, { recursive: true, force: true });
  outside = null;
});

async function run(): Promise<string> {
  const result = await runCli(['run', 'chatty', '--no-cache', '--json'], workspace.root);
  expect(result.code, result.stderr).toBe(0);
  return (JSON.parse(result.stdout) as RunSummary).id;
}

const runFolder = (id: string) => workspace.path(`.pipewright/runs/${id}`);

function database<T>(read: (db: Database.Database) => T): T {
  const db = new Database(workspace.path('.pipewright/state.db'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

describe('pipewright runs prune', () => {
  it("deletes old runs with their rows, logs and folders, keeping the newest, a release's and each branch's last run", async () => {
    workspace = tempRepository({ 'pipelines/chatty.pipeline.yaml': PIPELINE });
    const released = await run();
    gitCli(workspace.root, 'checkout', '-q', '-b', 'experiment');
    const experiment = await run();
    gitCli(workspace.root, 'checkout', '-q', 'main');
    const [old1, old2, new1, new2] = [await run(), await run(), await run(), await run()] as [
      string,
      string,
      string,
      string,
    ];
    database((db) =>
      expect(db.prepare('SELECT git_branch FROM runs WHERE id = ?').pluck().get(experiment)).toBe('experiment'),
    );
    // A release was promoted on the first run (as `pipewright promote` records it).
    const writable = new Database(workspace.path('.pipewright/state.db'));
    writable
      .prepare(
        `INSERT INTO promotions (branch, commit_id, outcome, release, report, created_at) VALUES ('experiment', 'c0ffee', 'promoted', 'release-1', ?, ?)`,
      )
      .run(JSON.stringify({ runs: { chatty: released } }), Date.now());
    writable.close();
    // A run folder replaced by a symlink to a folder elsewhere: pruning removes the link only.
    outside = mkdtempSync(join(tmpdir(), 'pipewright-outside-'));
    writeFileSync(join(outside, 'precious.txt'), "not Pipewright's to delete");
    rmSync(runFolder(old2), { recursive: true });
    symlinkSync(outside, runFolder(old2));

    const dry = await runCli(['runs', 'prune', '--keep', '2', '--dry-run', '--json'], workspace.root);
    expect(dry.code, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ pruned: 2, protected: 2, remaining: 6, dryRun: true });
    expect(existsSync(runFolder(old1))).toBe(true);

    const result = await runCli(['runs', 'prune', '--keep', '2', '--json'], workspace.root);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as PruneReport;
    expect(report).toMatchObject({ pruned: 2, protected: 2, remaining: 4, foldersRemoved: 2, dryRun: false });

    const kept = [released, experiment, new1, new2];
    database((db) => {
      expect(new Set(db.prepare('SELECT id FROM runs').pluck().all())).toEqual(new Set(kept));
      for (const table of ['step_runs', 'attempts', 'metrics', 'test_results', 'step_outputs', 'cache_entries']) {
        expect(db.prepare(`SELECT COUNT(*) FROM ${table} WHERE run_id IN (?, ?)`).pluck().get(old1, old2), table).toBe(
          0,
        );
      }
      expect(db.prepare('SELECT COUNT(*) FROM step_runs').pluck().get()).toBe(4);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    });
    expect(new Set(readdirSync(workspace.path('.pipewright/runs')))).toEqual(new Set(kept));
    for (const id of kept) expect(existsSync(join(runFolder(id), 'logs', 'talk.1.log'))).toBe(true);
    expect(existsSync(join(outside, 'precious.txt'))).toBe(true);
    expect(report.databaseBytes.after).toBeGreaterThan(0);

    const listed = await runCli(['runs', '--json'], workspace.root);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((item) => item.id)).toEqual([
      new2,
      new1,
      experiment,
      released,
    ]);
  });

  it('prunes by age, says what it did in words, and refuses a policy it cannot read', async () => {
    workspace = tempRepository({ 'pipelines/chatty.pipeline.yaml': PIPELINE });
    await run();
    const recent = await runCli(['runs', 'prune', '--older-than', '30d'], workspace.root);
    expect(recent.code, recent.stderr).toBe(0);
    expect(recent.stdout).toMatch(/^pruned 0 runs; 1 left\n/);

    const none = await runCli(['runs', 'prune'], workspace.root);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--keep N, --older-than DURATION');
    const bad = await runCli(['runs', 'prune', '--older-than', 'soon'], workspace.root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--older-than soon');
    const zero = await runCli(['runs', 'prune', '--keep', '0'], workspace.root);
    expect(zero.code).toBe(2);
  });
});
