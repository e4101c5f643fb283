// The individuals chart's points, drawn as one layer from the chart's own scales: a flagged run
// large and red with its rules in its title, a baseline run Phase I left out as dropped, and, on
// a series short enough to draw whole, every other run. Recharts' dots build a props object and
// an element per point of the line, kept or not, and draw them all again on every redraw.
import { memo } from 'react';
import { DefaultZIndexes, ZIndexLayer, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartRow } from './chart-series.js';
import { ruleTexts } from './chart-series.js';
import { formatMetricValue } from './metric-format.js';

interface PointLook {
  r: number;
  className: string;
  testId: string;
  title: string | null;
}

/** How a run's point is drawn; null for a plain run of a thinned series (a line: a dot per kept run would be noise). */
function lookOf(row: ChartRow, metric: string, thinned: boolean): PointLook | null {
  if (!row.flagged && !row.dropped)
    return thinned
      ? null
      : { r: 3, className: `chart-point${row.baseline ? ' baseline' : ''}`, testId: 'chart-point', title: null };
  const run = `Run ${row.index} (${row.runId}): ${formatMetricValue(metric, row.value)}`;
  if (row.flagged)
    return {
      r: 6,
      className: 'chart-point flagged',
      testId: 'chart-flagged-point',
      title: [run, ...ruleTexts(row.violations)].join('\n'),
    };
  return {
    r: 3,
    className: 'chart-point dropped',
    testId: 'chart-dropped-point',
    title: [`${run}, left out of the limits: out of control in the baseline`, ...ruleTexts(row.violations)].join('\n'),
  };
}

interface LayerProps {
  rows: readonly ChartRow[];
  metric: string;
  /** Whether the rows are a thinned series: then only flagged and dropped runs get a point. */
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
          const look = lookOf(row, metric, thinned);
          const cx = x(row.index);
          const cy = y(row.value);
          if (!look || cx === undefined || cy === undefined) return null;
          return (
            <circle
              key={row.index}
              cx={cx}
              cy={cy}
              r={look.r}
              className={look.className}
              data-testid={look.testId}
              data-run={row.runId}
              data-rules={row.flagged ? row.violations.join(',') : undefined}
            >
              {look.title === null ? null : <title>{look.title}</title>}
            </circle>
          );
        })}
      </g>
    </ZIndexLayer>
  );
});
