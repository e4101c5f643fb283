// An experiment's key metrics beside production's: the candidate's value, production's last
// value in the same environment, and the difference.
import type { MetricBeside } from '../../../shared/journeys/journey-types.js';
import { formatMetricValue, metricLabel } from '../monitoring/metric-format.js';
import { signedValue } from './metric-delta.js';

export function MetricsBeside({ metrics, production }: { metrics: MetricBeside[]; production: string }) {
  if (metrics.length === 0) return null;
  const pipelines = new Set(metrics.map((metric) => metric.pipeline));
  const value = (metric: string, number: number | null) => (number === null ? '—' : formatMetricValue(metric, number));
  return (
    <table className="journey-table metrics-beside" data-testid="metrics-beside">
      <thead>
        <tr>
          <th>Metric</th>
          <th className="number">Experiment</th>
          <th className="number">{production}</th>
          <th className="number">Δ</th>
        </tr>
      </thead>
      <tbody>
        {metrics.map((metric) => (
          <tr
            key={`${metric.pipeline}\u0000${metric.step}\u0000${metric.metric}`}
            data-testid="metric-beside"
            data-metric={metric.metric}
          >
            <td>
              <span title={metric.metric}>{metricLabel(metric.metric)}</span>
              <span className="muted small mono">
                {' '}
                {pipelines.size > 1 ? `${metric.pipeline} · ` : ''}
                {metric.step}
              </span>
            </td>
            <td className="number">{value(metric.metric, metric.candidate)}</td>
            <td
              className="number"
              title={
                metric.production === null
                  ? `${production} has no run of ${metric.pipeline} here to compare with yet`
                  : undefined
              }
            >
              {value(metric.metric, metric.production)}
            </td>
            <td
              className={`number delta${metric.delta === null || metric.delta === 0 ? '' : metric.delta > 0 ? ' up' : ' down'}`}
              data-testid="metric-delta"
            >
              {metric.delta === null ? '—' : signedValue(metric.metric, metric.delta)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
