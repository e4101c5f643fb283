// The individuals chart's points, drawn as one layer from the chart's own scales: a flagged run
// large and red with its rules in its title, a baseline run Phase I left out as dropped, and, on
// a series short enough to draw whole, every other run. Recharts' dots build a props object and
// an element per point of the line, kept or not; on a 10,000-run series that was about a fifth
// of the time from opening the Monitor to the chart painted.
import { memo } from 'react';
import { DefaultZIndexes, ZIndexLayer, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartRow } from './chart-series.js';
import { ruleTexts } from './chart-series.js';
import { formatMetricValue } from './metric-format.js';

interface PointProps {
  row: ChartRow;
  cx: number;
  cy: number;
  metric: string;
}

function FlaggedPoint({ row, cx, cy, metric }: PointProps) {
  return (
    <circle
      cx={cx}
      cy={cy}
      r={6}
      className="chart-point flagged"
      data-testid="chart-flagged-point"
      data-run={row.runId}
      data-rules={row.violations.join(',')}
    >
      <title>{`Run ${row.index} (${row.runId}): ${formatMetricValue(metric, row.value)}\n${ruleTexts(row.violations).join('\n')}`}</title>
    </circle>
  );
}

function DroppedPoint({ row, cx, cy, metric }: PointProps) {
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3}
      className="chart-point dropped"
      data-testid="chart-dropped-point"
      data-run={row.runId}
    >
      <title>
        {[
          `Run ${row.index} (${row.runId}): ${formatMetricValue(metric, row.value)}, left out of the limits: out of control in the baseline`,
          ...ruleTexts(row.violations),
        ].join('\n')}
      </title>
    </circle>
  );
}

function PlainPoint({ row, cx, cy }: PointProps) {
  return (
    <circle
      cx={cx}
      cy={cy}
      r={3}
      className={`chart-point${row.baseline ? ' baseline' : ''}`}
      data-testid="chart-point"
      data-run={row.runId}
    />
  );
}

interface LayerProps {
  rows: readonly ChartRow[];
  metric: string;
  /** A thinned series is a line: a dot per kept run would be noise; flagged and dropped runs still get theirs. */
  thinned: boolean;
}

export const ChartPoints = memo(function ChartPoints({ rows, metric, thinned }: LayerProps) {
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (!x || !y) return null;
  // In the layer recharts draws a line's own dots in: above the line, so a point is never under it.
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.scatter}>
      <g className="chart-points">
        {rows.map((row) => {
          const Point = row.flagged ? FlaggedPoint : row.dropped ? DroppedPoint : thinned ? null : PlainPoint;
          const cx = x(row.index);
          const cy = y(row.value);
          if (!Point || cx === undefined || cy === undefined) return null;
          return <Point key={row.index} row={row} cx={cx} cy={cy} metric={metric} />;
        })}
      </g>
    </ZIndexLayer>
  );
});
