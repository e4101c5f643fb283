// Metric series and alerts in the run-state database. A series is every value one metric of
// one step took across the runs of a pipeline in one environment, in the order they ran.
// Over 300 lines because series, baselines and grouped alerts share the database's statements.
import type Database from 'better-sqlite3';
import type { Alert, AlertKind, MetricKey, MetricPoint } from '../../../shared/monitoring/monitoring-types.js';
import type { RunSummary } from '../../../shared/run/run-types.js';
import type { WesternElectricRule } from '../../../shared/spc/individuals-chart.js';
import { storedJson, yielding } from './typed-rows.js';

export interface RecordedMetric {
  name: string;
  value: number;
}

export type NewAlert = Omit<Alert, 'id' | 'acknowledgedAt' | 'repeats' | 'lastSeenAt' | 'lastRunId'>;

export interface AlertQuery {
  pipeline?: string;
  environment?: string;
  /** The alerts this run raised, first or as a repeat. */
  runId?: string;
  /** Include acknowledged alerts too. */
  acknowledged?: boolean;
  limit?: number;
}

interface AlertRow {
  id: number;
  kind: AlertKind;
  pipeline: string;
  environment: string;
  run_id: string;
  step_id: string | null;
  metric: string | null;
  rules: string;
  value: number | null;
  message: string;
  created_at: number;
  acknowledged_at: number | null;
  repeats: number;
  last_seen_at: number | null;
  last_run_id: string | null;
}

/** The points a Western Electric rule looks at, the judged one included (rule 4: eight in a row). */
const RULE_WINDOW = 8;

/** Runs whose values count as "the last successful run". */
const SUCCESSFUL = `('succeeded', 'warned')`;

export class MonitoringStore {
  private readonly insertMetric: Database.Statement;
  private readonly insertAlert: Database.Statement;
  /** Statements asked for once per series at every run's end: prepared once, not 200 times. */
  private readonly statements = new Map<string, Database.Statement>();

  private readonly openAlike: Database.Statement;
  private readonly repeatAlert: Database.Statement;
  private readonly linkRun: Database.Statement;
  private readonly alertById: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertMetric =
      db.prepare(`INSERT OR REPLACE INTO metrics (run_id, pipeline, environment, step_id, name, value, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    // One alert per run, kind, step and metric: a resumed run does not raise it twice.
    this.insertAlert =
      db.prepare(`INSERT OR IGNORE INTO alerts (kind, pipeline, environment, run_id, step_id, metric, rules, value, message, created_at)
      VALUES (@kind, @pipeline, @environment, @runId, @step, @metric, @rules, @value, @message, @createdAt)`);
    this.alertById = db.prepare(`SELECT * FROM alerts WHERE id = ?`);
    this.linkRun = db.prepare(`INSERT OR IGNORE INTO alert_runs (alert_id, run_id) VALUES (?, ?)`);
    this.openAlike = db.prepare(`SELECT id FROM alerts WHERE acknowledged_at IS NULL AND kind = @kind
      AND pipeline = @pipeline AND environment = @environment AND COALESCE(step_id, '') = COALESCE(@step, '')
      AND COALESCE(metric, '') = COALESCE(@metric, '') AND COALESCE(json_extract(rules, '$[0]'), 0) = @primary ORDER BY id DESC LIMIT 1`);
    this.repeatAlert =
      db.prepare(`UPDATE alerts SET repeats = repeats + 1, last_seen_at = @createdAt, last_run_id = @runId, rules = @rules,
      value = @value, message = @message WHERE id = @id`);
  }

  /** The statement of `sql`, prepared once, yielding rows of type Row: the columns `sql` selects. */
  private statement<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    const known = this.statements.get(sql);
    if (known) return yielding<Row>(known);
    const prepared = this.db.prepare(sql);
    this.statements.set(sql, prepared);
    return yielding<Row>(prepared);
  }

  private alertOf(id: number): AlertRow {
    const row = yielding<AlertRow>(this.alertById).get(id);
    if (!row) throw new Error(`alert ${id} is not in the store`);
    return row;
  }

  recordMetrics(
    runId: string,
    key: Omit<MetricKey, 'metric'>,
    metrics: readonly RecordedMetric[],
    recordedAt = Date.now(),
  ): void {
    const finite = metrics.filter((metric) => Number.isFinite(metric.value));
    if (finite.length === 0) return;
    this.db.transaction(() => {
      for (const metric of finite)
        this.insertMetric.run(runId, key.pipeline, key.environment, key.step, metric.name, metric.value, recordedAt);
    })();
  }

  /**
   * The series in run order, from its baseline start (the latest reset) on; `ok` tells points of
   * runs that succeeded without a warning, the only ones that may set control limits (Phase I).
   */
  series(key: MetricKey): Array<MetricPoint & { ok: boolean }> {
    const rows = this.statement<MetricPoint & { ok: number }>(
      `SELECT m.run_id AS runId, m.recorded_at AS recordedAt, m.value AS value,
      r.status = 'succeeded' AS ok FROM metrics m JOIN runs r ON r.id = m.run_id
      WHERE m.pipeline = @pipeline AND m.environment = @environment AND m.step_id = @step AND m.name = @metric
      AND m.recorded_at >= COALESCE((SELECT since FROM metric_baselines b WHERE b.pipeline = @pipeline
        AND b.environment = @environment AND b.step_id = @step AND b.name = @metric), 0)
      ORDER BY m.recorded_at, m.run_id`,
    ).all(key);
    return rows.map((row) => ({ ...row, ok: row.ok === 1 }));
  }

  /**
   * What judging one run's point needs, however long the series: the values of the first
   * `baseline` points of runs that succeeded (they set the limits) and the point with up to
   * seven points before it (the longest rule looks back eight). Null when the run has no point.
   */
  judgedWindow(key: MetricKey, runId: string, baseline: number): { baseline: number[]; recent: number[] } | null {
    const series = `FROM metrics m JOIN runs r ON r.id = m.run_id
      WHERE m.pipeline = @pipeline AND m.environment = @environment AND m.step_id = @step AND m.name = @metric
      AND m.recorded_at >= COALESCE((SELECT since FROM metric_baselines b WHERE b.pipeline = @pipeline
        AND b.environment = @environment AND b.step_id = @step AND b.name = @metric), 0)`;
    const point = this.statement<{ at: number }>(`SELECT m.recorded_at AS at ${series} AND m.run_id = @runId`).get({
      ...key,
      runId,
    });
    if (point === undefined) return null;
    // The limit is written into the statement, not bound: SQLite prepares a statement whose
    // LIMIT is a parameter again at every execution, which doubled this query's cost.
    const first = this.statement<{ value: number }>(
      `SELECT m.value AS value ${series} AND r.status = 'succeeded' ORDER BY m.recorded_at, m.run_id LIMIT ${String(Math.trunc(baseline))}`,
    ).all(key);
    const recent = this.statement<{ value: number }>(
      `SELECT m.value AS value ${series} AND (m.recorded_at < @at OR (m.recorded_at = @at AND m.run_id <= @runId))
      ORDER BY m.recorded_at DESC, m.run_id DESC LIMIT ${String(RULE_WINDOW)}`,
    ).all({ ...key, runId, at: point.at });
    return { baseline: first.map((row) => row.value), recent: recent.map((row) => row.value).reverse() };
  }

  /** When the series' current baseline began (null: with its first point). */
  baselineSince(key: MetricKey): number | null {
    const row = this.statement<{ since: number }>(
      `SELECT since FROM metric_baselines WHERE pipeline = @pipeline AND environment = @environment
      AND step_id = @step AND name = @metric`,
    ).get(key);
    return row?.since ?? null;
  }

  /**
   * Starts new baselines: after an intended change (a new source, a bigger market) the old
   * limits no longer describe the process; the next runs set new ones.
   */
  resetBaselines(
    pipeline: string,
    environment: string,
    only: { step?: string; metric?: string } = {},
    since = Date.now(),
  ): MetricKey[] {
    const keys = this.seriesKeys(pipeline, environment).filter(
      (key) =>
        (only.step === undefined || key.step === only.step) &&
        (only.metric === undefined || key.metric === only.metric),
    );
    const statement = this.db
      .prepare(`INSERT OR REPLACE INTO metric_baselines (pipeline, environment, step_id, name, since)
      VALUES (@pipeline, @environment, @step, @metric, @since)`);
    this.db.transaction(() => {
      for (const key of keys) statement.run({ ...key, since });
    })();
    return keys;
  }

  /** Forgets the metrics a resumed run will record again for these steps. */
  clearMetrics(runId: string, steps: readonly string[]): void {
    const statement = this.db.prepare(`DELETE FROM metrics WHERE run_id = ? AND step_id = ?`);
    this.db.transaction(() => {
      for (const step of steps) statement.run(runId, step);
    })();
  }

  /** Every series of a pipeline in one environment. */
  seriesKeys(pipeline: string, environment: string): MetricKey[] {
    return this.db
      .prepare<unknown[], { step: string; metric: string }>(
        `SELECT DISTINCT step_id AS step, name AS metric FROM metrics WHERE pipeline = ? AND environment = ?
      ORDER BY step_id, name`,
      )
      .all(pipeline, environment)
      .map((row) => ({ pipeline, environment, ...row }));
  }

  /** The metrics one run recorded, as series keys. */
  keysOfRun(runId: string): MetricKey[] {
    return this.db
      .prepare<unknown[], MetricKey>(
        `SELECT pipeline, environment, step_id AS step, name AS metric FROM metrics WHERE run_id = ?
      ORDER BY step_id, name`,
      )
      .all(runId);
  }

  /** Every number one run recorded, by step and metric name (what `compare` sets side by side). */
  valuesOfRun(runId: string): Array<{ step: string; metric: string; value: number }> {
    return this.db
      .prepare<unknown[], { step: string; metric: string; value: number }>(
        `SELECT step_id AS step, name AS metric, value FROM metrics WHERE run_id = ?
      ORDER BY step_id, name`,
      )
      .all(runId);
  }

  /**
   * The numbers a run stands for: its own, and for each step it took from the cache, those the
   * run that executed the step recorded (a cached step records none: the work was not redone).
   */
  valuesStandingFor(run: Pick<RunSummary, 'id' | 'steps'>): Array<{ step: string; metric: string; value: number }> {
    const values = this.valuesOfRun(run.id);
    for (const step of run.steps) {
      if (!step.cached || step.cachedFrom === null || values.some((value) => value.step === step.id)) continue;
      values.push(...this.valuesOfRun(step.cachedFrom).filter((value) => value.step === step.id));
    }
    return values;
  }

  /** A metric's value at the latest successful run of the pipeline in the environment (any step). */
  lastSuccessfulValue(pipeline: string, environment: string, metric: string): number | null {
    const row = this.db
      .prepare<unknown[], { value: number }>(
        `SELECT m.value AS value FROM metrics m JOIN runs r ON r.id = m.run_id
      WHERE m.pipeline = ? AND m.environment = ? AND m.name = ? AND r.status IN ${SUCCESSFUL}
      ORDER BY m.recorded_at DESC LIMIT 1`,
      )
      .get(pipeline, environment, metric);
    return row?.value ?? null;
  }

  /**
   * Stores new alerts; returns those this run had not raised before (a repeat reads as raised
   * by this run, with its count). An alert like an open one (the same
   * metric or test of the same step, broken by the same rules) is a repeat: the open alert counts
   * it and takes its run, value and message, so a process that stays out of control is one alert
   * people read, not one per run.
   */
  addAlerts(alerts: readonly NewAlert[]): Alert[] {
    return this.db.transaction(() =>
      alerts.flatMap((alert) => {
        const rules = JSON.stringify(alert.rules);
        // Grouped by the first rule broken: [1] then [1, 2] is the same signal repeating.
        const open = yielding<{ id: number }>(this.openAlike).get({ ...alert, rules, primary: alert.rules[0] ?? 0 });
        if (open) {
          // A resumed run raising its alert again is no repeat.
          if (this.linkRun.run(open.id, alert.runId).changes === 0) return [];
          this.repeatAlert.run({ ...alert, rules, id: open.id });
          return [{ ...toAlert(this.alertOf(open.id)), runId: alert.runId }];
        }
        const { changes, lastInsertRowid } = this.insertAlert.run({ ...alert, rules });
        if (changes > 0) this.linkRun.run(Number(lastInsertRowid), alert.runId);
        return changes === 0
          ? []
          : [
              {
                ...alert,
                id: Number(lastInsertRowid),
                acknowledgedAt: null,
                repeats: 1,
                lastSeenAt: alert.createdAt,
                lastRunId: alert.runId,
              },
            ];
      }),
    )();
  }

  alerts(query: AlertQuery = {}): Alert[] {
    const rows = this.db
      .prepare<unknown[], AlertRow>(
        `SELECT * FROM alerts WHERE (@pipeline IS NULL OR pipeline = @pipeline)
      AND (@environment IS NULL OR environment = @environment)
      AND (@runId IS NULL OR id IN (SELECT alert_id FROM alert_runs WHERE run_id = @runId))
      AND (@acknowledged = 1 OR acknowledged_at IS NULL) ORDER BY id DESC LIMIT @limit`,
      )
      .all({
        pipeline: query.pipeline ?? null,
        environment: query.environment ?? null,
        runId: query.runId ?? null,
        acknowledged: query.acknowledged ? 1 : 0,
        limit: query.limit ?? 200,
      });
    // Asked about one run, an alert it repeated reads as raised by that run.
    return rows.map((row) => ({ ...toAlert(row), ...(query.runId === undefined ? {} : { runId: query.runId }) }));
  }

  /** Alerts raised after `id`, oldest first: how a studio notices alerts of runs made elsewhere. */
  alertsAfter(id: number): Alert[] {
    return this.db.prepare<unknown[], AlertRow>(`SELECT * FROM alerts WHERE id > ? ORDER BY id`).all(id).map(toAlert);
  }

  latestAlertId(): number {
    return this.db.prepare<[], number>(`SELECT COALESCE(MAX(id), 0) FROM alerts`).pluck().get() ?? 0;
  }

  /** Marks alerts acknowledged; returns how many were open. */
  acknowledge(ids: readonly number[], at = Date.now()): number {
    const statement = this.db.prepare(`UPDATE alerts SET acknowledged_at = ? WHERE id = ? AND acknowledged_at IS NULL`);
    return this.db.transaction(() => ids.reduce((count, id) => count + statement.run(at, id).changes, 0))();
  }
}

function toAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    kind: row.kind,
    pipeline: row.pipeline,
    environment: row.environment,
    runId: row.run_id,
    step: row.step_id,
    metric: row.metric,
    rules: storedJson<WesternElectricRule[]>(row.rules),
    value: row.value,
    message: row.message,
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
    repeats: row.repeats,
    lastSeenAt: row.last_seen_at ?? row.created_at,
    lastRunId: row.last_run_id ?? row.run_id,
  };
}
