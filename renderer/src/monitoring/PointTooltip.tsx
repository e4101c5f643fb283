// The tooltip of a point on the control charts: on the individuals chart which run, when, its
// value and moving range, and the rules it breaks in words; on the moving-range chart under it
// (whose tooltip shows at the same time) only the range.
import type { TooltipContentProps } from 'recharts';
import type { ChartRow } from './chart-series.js';
import { ruleTexts } from './chart-series.js';
import { formatMetricValue } from './metric-format.js';

type Props = Pick<TooltipContentProps<number, string>, 'active' | 'payload'> & {
  metric: string;
  variant: 'value' | 'range';
};

export function PointTooltip({ active, payload, metric, variant }: Props) {
  // cast: recharts hands a point's row back as the chart was given it (its types say any): a ChartRow
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  if (variant === 'range') {
    return (
      <div className="chart-tooltip compact">
        moving range {row.movingRange === null ? '—' : formatMetricValue(metric, row.movingRange)}
      </div>
    );
  }
  return (
    <div className="chart-tooltip" data-testid="chart-tooltip">
      <div className="chart-tooltip-title">
        Run {row.index}
        {row.baseline ? ' · baseline' : ''}
      </div>
      <div className="mono muted">{row.runId}</div>
      <div className="muted">{new Date(row.recordedAt).toLocaleString()}</div>
      <div>
        value <strong>{formatMetricValue(metric, row.value)}</strong>
        {row.movingRange === null ? '' : ` · moving range ${formatMetricValue(metric, row.movingRange)}`}
      </div>
      {ruleTexts(row.violations).map((text) => (
        <div key={text} className="chart-tooltip-rule">
          {text}
        </div>
      ))}
    </div>
  );
}
