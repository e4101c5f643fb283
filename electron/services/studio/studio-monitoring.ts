// Monitoring for the studio: the dashboard's data and the alerts. Alerts of runs started here
// arrive with the run; a short poll of the alert table also catches runs made elsewhere (the
// CLI in a terminal, CI on the same machine), so the notification centre misses none.
import type { Alert, ControlChart, MetricKey } from '../../../shared/monitoring/monitoring-types.js';
import type { MonitorOverview } from '../../../shared/journeys/journey-types.js';
import type { RunEvent } from '../../../shared/run/run-types.js';
import { ChartCache } from '../monitoring/chart-cache.js';
import { chartOptions, metricSummaries } from '../monitoring/metric-charts.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import type { StudioEvents } from './studio-events.js';

const POLL_MS = 2000;
const RECENT_RUNS = 50;

export class StudioMonitoring {
  private lastSeen: number;
  private readonly timer: NodeJS.Timeout;
  /** The overview charts every series; the chart the dashboard asks for next is one of them. */
  private readonly charts: ChartCache;

  constructor(
    private readonly workspace: Workspace,
    private readonly store: RunStore,
    private readonly events: StudioEvents,
  ) {
    this.lastSeen = store.monitoring.latestAlertId();
    this.charts = new ChartCache(store, () => JSON.stringify(this.workspace.settings.spec?.monitoring ?? null));
    this.timer = setInterval(() => this.announceNew(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Announces a finished run's alerts right away instead of at the next poll. */
  onRunEvent(event: RunEvent): void {
    if (event.type === 'run-finished' && event.alerts.length > 0) this.announceNew();
  }

  overview(pipeline: string, environment: string | undefined): MonitorOverview {
    const series = environment ?? this.defaultEnvironment();
    const settings = this.settings();
    const charts = this.charts.current();
    const runs = this.store
      .listRuns({ pipeline, limit: 500 })
      .filter((run) => (run.environment ?? '') === series)
      .slice(0, RECENT_RUNS);
    return {
      pipeline,
      environment: series,
      baseline: settings.baseline,
      runs,
      metrics: metricSummaries(this.store.monitoring, pipeline, series, (key) => charts.chart(key, settings)),
      alerts: this.store.monitoring.alerts({ pipeline, environment: series }),
    };
  }

  chart(key: Omit<MetricKey, 'environment'> & { environment: string | undefined }): ControlChart {
    return this.charts
      .current()
      .chart({ ...key, environment: key.environment ?? this.defaultEnvironment() }, this.settings());
  }

  resetBaseline(
    pipeline: string,
    environment: string | undefined,
    only: { step?: string; metric?: string },
  ): { series: number } {
    return {
      series: this.store.monitoring.resetBaselines(pipeline, environment ?? this.defaultEnvironment(), only).length,
    };
  }

  list(query: { pipeline?: string; acknowledged?: boolean; limit?: number }): Alert[] {
    return this.store.monitoring.alerts(query);
  }

  acknowledge(ids: readonly number[]): null {
    this.store.monitoring.acknowledge(ids);
    this.events.emit('alerts:changed', { raised: [] });
    return null;
  }

  private announceNew(): void {
    const raised = this.store.monitoring.alertsAfter(this.lastSeen);
    if (raised.length === 0) return;
    this.lastSeen = raised.at(-1)?.id ?? this.lastSeen;
    this.events.emit('alerts:changed', { raised });
  }

  private settings() {
    return chartOptions(this.workspace.settings.spec?.monitoring);
  }

  private defaultEnvironment(): string {
    return this.workspace.settings.spec?.default_environment ?? '';
  }
}
