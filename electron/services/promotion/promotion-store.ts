// What promotion reads and writes in the run-state database: the runs of a branch (a run of
// `--ref BRANCH`, a run made while BRANCH was checked out, or a promotion's gate run of it),
// the metrics they recorded, and one row per promotion attempt, whatever its outcome.
import type Database from 'better-sqlite3';
import type { GateReport, PromotionResult } from '../../../shared/journeys/journey-types.js';
import type { RunListItem, RunSummary, StepStatus } from '../../../shared/run/run-types.js';
import type { RunMetricValue } from '../../../shared/promotion/gate.js';
import type { RunStore } from '../store/run-store.js';
import { storedJson } from '../store/typed-rows.js';

export interface PromotionRow {
  id: number;
  branch: string;
  commit: string;
  outcome: PromotionResult;
  release: string | null;
  report: GateReport;
  createdAt: number;
}

/** A run of the branch: asked for by name (--ref, schedules), or made while it was checked out. */
const OF_BRANCH = `(ref = @branch OR (ref IS NULL AND git_branch = @branch))`;

export class PromotionStore {
  private readonly db: Database.Database;

  constructor(private readonly store: RunStore) {
    this.db = store.database;
  }

  /** The branch's latest finished run of the pipeline in the environment, gate runs included. */
  latestBranchRun(branch: string, pipeline: string, environment: string | null): RunSummary | null {
    const row = this.db
      .prepare<unknown[], { id: string }>(
        `SELECT id FROM runs WHERE pipeline = @pipeline AND environment IS @environment AND status != 'running'
      AND (${OF_BRANCH} OR (trigger = 'promotion' AND trigger_name = @branch))
      ORDER BY created_at DESC, id DESC LIMIT 1`,
      )
      .get({ branch, pipeline, environment });
    return row ? this.store.getRun(row.id) : null;
  }

  /**
   * Production's last run of the pipeline in the environment: the latest run of the production
   * branch (by ref or checked out) that finished well (succeeded or warned) — the values a
   * candidate must not fall behind. A failed run's numbers are no standard to hold anyone to.
   */
  productionRun(production: string, pipeline: string, environment: string | null): RunSummary | null {
    const row = this.db
      .prepare<unknown[], { id: string }>(
        `SELECT id FROM runs WHERE pipeline = @pipeline AND environment IS @environment
      AND status IN ('succeeded', 'warned') AND ${OF_BRANCH}
      ORDER BY created_at DESC, id DESC LIMIT 1`,
      )
      .get({ branch: production, pipeline, environment });
    return row ? this.store.getRun(row.id) : null;
  }

  metricsOf(run: RunSummary): RunMetricValue[] {
    return this.store.monitoring.valuesStandingFor(run);
  }

  record(row: Omit<PromotionRow, 'id'>): number {
    const result = this.db
      .prepare(
        `INSERT INTO promotions (branch, commit_id, outcome, release, report, created_at)
      VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(row.branch, row.commit, row.outcome, row.release, JSON.stringify(row.report), row.createdAt);
    return Number(result.lastInsertRowid);
  }

  /** Whether the promotion that made `release` is recorded (a recovery must not record it twice). */
  hasRelease(release: string): boolean {
    return (
      this.db.prepare(`SELECT 1 FROM promotions WHERE release = ? AND outcome = 'promoted'`).get(release) !== undefined
    );
  }

  attempts(branch?: string, limit = 50): PromotionRow[] {
    const rows = this.db
      .prepare<unknown[], PromotionDbRow>(
        `SELECT * FROM promotions WHERE (@branch IS NULL OR branch = @branch) ORDER BY created_at DESC, id DESC LIMIT @limit`,
      )
      .all({ branch: branch ?? null, limit });
    return rows.map((row) => ({
      id: row.id,
      branch: row.branch,
      commit: row.commit_id,
      outcome: row.outcome,
      release: row.release,
      report: storedJson<GateReport>(row.report),
      createdAt: row.created_at,
    }));
  }
}

/** A row of the promotions table, as schema.ts made it. */
interface PromotionDbRow {
  id: number;
  branch: string;
  commit_id: string;
  outcome: PromotionResult;
  release: string | null;
  report: string;
  created_at: number;
}

/** A run as a history list shows it. */
export function runListItem(run: RunSummary): RunListItem {
  const steps: Partial<Record<StepStatus, number>> = {};
  for (const step of run.steps) steps[step.status] = (steps[step.status] ?? 0) + 1;
  return {
    id: run.id,
    pipeline: run.pipeline,
    environment: run.environment,
    status: run.status,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    durationMs: run.durationMs,
    gitBranch: run.gitBranch,
    gitCommit: run.gitCommit,
    ref: run.ref,
    trigger: run.trigger,
    steps,
  };
}
