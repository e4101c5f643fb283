import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../../shared/run/run-types.js';
import { newRunId } from '../engine/run-id.js';
import { newRun } from '../../testing/new-run.js';
import { PrunePolicyError, pruneRuns } from './run-pruning.js';
import type { PrunePolicy } from './run-pruning.js';
import { RunStore } from './run-store.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);

let dir: string;
let store: RunStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pipewright-prune-'));
  mkdirSync(join(dir, 'runs'));
  store = new RunStore(join(dir, 'state.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A run of `pipeline` started `daysAgo` days before NOW on `branch`, ended as `status`. */
function recordRun(
  pipeline: string,
  daysAgo: number,
  status: RunStatus | 'running',
  branch: string | null = 'main',
): string {
  const createdAt = NOW - daysAgo * DAY;
  const id = newRunId(new Date(createdAt));
  store.createRun(newRun(id, pipeline, { createdAt, gitBranch: branch }), ['a', 'b']);
  if (status !== 'running') store.finishRun(id, status);
  return id;
}

const prune = (policy: PrunePolicy) => pruneRuns(store.database, join(dir, 'state.db'), join(dir, 'runs'), policy, NOW);
const remaining = () => new Set(store.listRuns({ limit: 500 }).map((run) => run.id));

describe('pruning runs', () => {
  it('keeps the newest N runs of each pipeline, not of the whole workspace', () => {
    const a = [5, 4, 3, 2, 1].map((days) => recordRun('a', days, 'succeeded'));
    const b = recordRun('b', 10, 'succeeded', 'other');
    const report = prune({ keep: 2 });
    expect(report.pruned).toBe(3);
    expect(remaining()).toEqual(new Set([a[3], a[4], b]));
    expect(
      store.database.prepare('SELECT COUNT(*) FROM step_runs WHERE run_id IN (?, ?, ?)').pluck().get(a[0], a[1], a[2]),
    ).toBe(0);
  });

  it('prunes runs older than the cut-off, and with both rules only runs outside the newest N and older', () => {
    const ids = [40, 35, 20, 10, 1].map((days) => recordRun('a', days, 'succeeded'));
    expect(prune({ olderThanMs: 30 * DAY, keep: 4, dryRun: true }).pruned).toBe(1);
    expect(remaining().size).toBe(5);
    expect(prune({ olderThanMs: 30 * DAY }).pruned).toBe(2);
    expect(remaining()).toEqual(new Set(ids.slice(2)));
  });

  it("never prunes a running run, the last run and the last good run of each branch, or a release's runs", () => {
    const released = recordRun('a', 50, 'succeeded');
    const running = recordRun('a', 40, 'running');
    const lastGoodOfExperiment = recordRun('a', 30, 'succeeded', 'experiment');
    const lastOfExperiment = recordRun('a', 29, 'failed', 'experiment');
    const lost = recordRun('a', 28, 'succeeded', 'experiment');
    store.database.prepare(`UPDATE runs SET created_at = created_at - ${100 * DAY} WHERE id = ?`).run(lost);
    const newest = recordRun('a', 1, 'succeeded');
    store.database
      .prepare(
        `INSERT INTO promotions (branch, commit_id, outcome, release, report, created_at) VALUES ('experiment', 'c0ffee', 'promoted', 'release-1', ?, ?)`,
      )
      .run(JSON.stringify({ runs: { a: released } }), NOW);
    const report = prune({ keep: 1 });
    expect(remaining()).toEqual(new Set([released, running, lastGoodOfExperiment, lastOfExperiment, newest]));
    expect(report).toMatchObject({ pruned: 1, protected: 4, remaining: 5 });
  });

  it('refuses a policy that says nothing or makes no sense', () => {
    expect(() => prune({})).toThrow(PrunePolicyError);
    expect(() => prune({ keep: -1 })).toThrow(/--keep/);
    expect(() => prune({ olderThanMs: Number.NaN })).toThrow(/--older-than/);
  });
});
