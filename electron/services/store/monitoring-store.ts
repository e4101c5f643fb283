// Metric series and alerts in the run-state database. A series is every value one metric of
// one step took across the runs of a pipeline in one environment, in the order they ran.
import type Database from 'better-sqlite3';
import type { Alert, AlertKind, MetricKey, MetricPoint } from '../../../shared/monitoring/monitoring-types.js';
import type { WesternElectricRule } from '../../../shared/spc/individuals-chart.js';

export interface RecordedMetric {
  name: string;
  value: number;
}

export type NewAlert = Omit<Alert, 'id' | 'acknowledgedAt'>;

export interface AlertQuery {
  pipeline?: string;
  environment?: string;
  runId?: string;
  /** Include acknowledged alerts too. */
  acknowledged?: boolean;
  limit?: number;
}

interface AlertRow {
  id: number; kind: AlertKind; pipeline: string; environment: string; run_id: string; step_id: string | null;
  metric: string | null; rules: string; value: number | null; message: string; created_at: number; acknowledged_at: number | null;
}

/** Runs whose values count as "the last successful run". */
const SUCCESSFUL = `('succeeded', 'warned')`;

export class MonitoringStore {
  private readonly insertMetric: Database.Statement;
  private readonly insertAlert: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.insertMetric = db.prepare(`INSERT OR REPLACE INTO metrics (run_id, pipeline, environment, step_id, name, value, recorded_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    this.insertAlert = db.prepare(`INSERT INTO alerts (kind, pipeline, environment, run_id, step_id, metric, rules, value, message, created_at)
      VALUES (@kind, @pipeline, @environment, @runId, @step, @metric, @rules, @value, @message, @createdAt)`);
  }

  recordMetrics(runId: string, key: Omit<MetricKey, 'metric'>, metrics: readonly RecordedMetric[], recordedAt = Date.now()): void {
    const finite = metrics.filter((metric) => Number.isFinite(metric.value));
    if (finite.length === 0) return;
    this.db.transaction(() => {
      for (const metric of finite) this.insertMetric.run(runId, key.pipeline, key.environment, key.step, metric.name, metric.value, recordedAt);
    })();
  }

  /** The series in run order. */
  series(key: MetricKey): MetricPoint[] {
    return this.db.prepare(`SELECT run_id AS runId, recorded_at AS recordedAt, value FROM metrics
      WHERE pipeline = ? AND environment = ? AND step_id = ? AND name = ? ORDER BY recorded_at, run_id`)
      .all(key.pipeline, key.environment, key.step, key.metric) as MetricPoint[];
  }

  /** Every series of a pipeline in one environment. */
  seriesKeys(pipeline: string, environment: string): MetricKey[] {
    return (this.db.prepare(`SELECT DISTINCT step_id AS step, name AS metric FROM metrics WHERE pipeline = ? AND environment = ?
      ORDER BY step_id, name`).all(pipeline, environment) as Array<{ step: string; metric: string }>)
      .map((row) => ({ pipeline, environment, ...row }));
  }

  /** The metrics one run recorded, as series keys. */
  keysOfRun(runId: string): MetricKey[] {
    return (this.db.prepare(`SELECT pipeline, environment, step_id AS step, name AS metric FROM metrics WHERE run_id = ?
      ORDER BY step_id, name`).all(runId) as MetricKey[]);
  }

  /** A metric's value at the latest successful run of the pipeline in the environment (any step). */
  lastSuccessfulValue(pipeline: string, environment: string, metric: string): number | null {
    const row = this.db.prepare(`SELECT m.value AS value FROM metrics m JOIN runs r ON r.id = m.run_id
      WHERE m.pipeline = ? AND m.environment = ? AND m.name = ? AND r.status IN ${SUCCESSFUL}
      ORDER BY m.recorded_at DESC LIMIT 1`).get(pipeline, environment, metric) as { value: number } | undefined;
    return row?.value ?? null;
  }

  addAlerts(alerts: readonly NewAlert[]): Alert[] {
    return this.db.transaction(() => alerts.map((alert) => {
      const { lastInsertRowid } = this.insertAlert.run({ ...alert, rules: JSON.stringify(alert.rules) });
      return { ...alert, id: Number(lastInsertRowid), acknowledgedAt: null };
    }))();
  }

  alerts(query: AlertQuery = {}): Alert[] {
    const rows = this.db.prepare(`SELECT * FROM alerts WHERE (@pipeline IS NULL OR pipeline = @pipeline)
      AND (@environment IS NULL OR environment = @environment) AND (@runId IS NULL OR run_id = @runId)
      AND (@acknowledged = 1 OR acknowledged_at IS NULL) ORDER BY id DESC LIMIT @limit`).all({
      pipeline: query.pipeline ?? null,
      environment: query.environment ?? null,
      runId: query.runId ?? null,
      acknowledged: query.acknowledged ? 1 : 0,
      limit: query.limit ?? 200,
    }) as AlertRow[];
    return rows.map(toAlert);
  }

  /** Alerts raised after `id`, oldest first: how a studio notices alerts of runs made elsewhere. */
  alertsAfter(id: number): Alert[] {
    return (this.db.prepare(`SELECT * FROM alerts WHERE id > ? ORDER BY id`).all(id) as AlertRow[]).map(toAlert);
  }

  latestAlertId(): number {
    return (this.db.prepare(`SELECT COALESCE(MAX(id), 0) AS id FROM alerts`).get() as { id: number }).id;
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
    rules: JSON.parse(row.rules) as WesternElectricRule[],
    value: row.value,
    message: row.message,
    createdAt: row.created_at,
    acknowledgedAt: row.acknowledged_at,
  };
}
