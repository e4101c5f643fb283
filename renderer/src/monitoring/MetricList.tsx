// The pipeline's metrics in this environment: each series' step, name, latest value and
// whether it is in control; choosing one shows its chart.
import { useShallow } from 'zustand/react/shallow';
import type { MetricSummary } from '../../../shared/monitoring/monitoring-types.js';
import { useMonitoring, useStudio } from '../studio/studio-context.js';
import { formatMetricValue, metricLabel, seriesId } from './metric-format.js';
import { sameSeries, seriesState } from '../stores/series-selection.js';
import { SeriesBadge } from './SeriesBadge.js';

function MetricRow({ summary, active, baseline }: { summary: MetricSummary; active: boolean; baseline: number }) {
  const { monitoringController } = useStudio();
  const { step, metric } = summary.key;
  const state = seriesState(summary);
  return (
    <li>
      <button
        type="button"
        className={`metric-row${active ? ' active' : ''}`}
        data-testid="metric-row"
        data-step={step}
        data-metric={metric}
        data-state={state}
        aria-pressed={active}
        onClick={() => void monitoringController.select({ step, metric })}
      >
        <span className="metric-name" title={metric}>
          {metricLabel(metric)}
        </span>
        <SeriesBadge
          state={state}
          detail={state === 'baseline' ? `${Math.min(summary.points, baseline)}/${baseline}` : undefined}
        />
        <span className="metric-step mono" title={step}>
          {step}
        </span>
        <span className="metric-value" title={`latest: run ${summary.latest.runId}`}>
          {formatMetricValue(metric, summary.latest.value)}
        </span>
      </button>
    </li>
  );
}

export function MetricList({ metrics, baseline }: { metrics: MetricSummary[]; baseline: number }) {
  const selected = useMonitoring(useShallow((state) => state.selected));
  return (
    <section className="monitor-card monitor-metrics" data-testid="metric-list">
      <div className="monitor-card-head">
        <h3>Metrics</h3>
        <span className="count">{metrics.length}</span>
      </div>
      {metrics.length === 0 ? (
        <p className="muted">
          No metrics yet. Every run records each step&apos;s duration, the rows of its outputs, what its data tests
          observed and the numbers of its metrics files; limits are set after {baseline} runs.
        </p>
      ) : (
        <ul>
          {metrics.map((summary) => (
            <MetricRow
              key={seriesId(summary.key)}
              summary={summary}
              active={sameSeries(summary.key, selected)}
              baseline={baseline}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
