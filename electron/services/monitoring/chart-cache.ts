// Control charts computed once per state of the database. The dashboard asks for the overview
// (which charts every series to judge its latest point) and then for the chart of one series:
// at 10,000 points each chart is a query and a pass over the series, worth doing once. Any
// change to the database, by this process or another (a run in a terminal), or to the workspace's
// monitoring settings starts afresh.
import type { ControlChart, MetricKey } from '../../../shared/monitoring/monitoring-types.js';
import type { ChartOptions } from '../../../shared/spc/individuals-chart.js';
import type { RunStore } from '../store/run-store.js';
import { controlChart } from './metric-charts.js';

export interface ChartsOfOneState {
  chart(key: MetricKey, options: ChartOptions): ControlChart;
}

export class ChartCache {
  private version = '';
  private readonly charts = new Map<string, ControlChart>();

  constructor(
    private readonly store: RunStore,
    /** The monitoring settings as text: charts made with other settings are not reused. */
    private readonly settings: () => string,
  ) {}

  /** The charts of the database as it is now; valid for one request. */
  current(): ChartsOfOneState {
    const version = `${this.store.dataVersion()} ${this.settings()}`;
    if (version !== this.version) {
      this.charts.clear();
      this.version = version;
    }
    return {
      chart: (key, options) => {
        const id = JSON.stringify([key.pipeline, key.environment, key.step, key.metric]);
        let chart = this.charts.get(id);
        if (!chart) {
          chart = controlChart(this.store.monitoring, key, options);
          this.charts.set(id, chart);
        }
        return chart;
      },
    };
  }
}
