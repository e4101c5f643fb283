// The individuals (X) chart of one metric: the points in run order, the centre line, the
// control limits and, lightly, the 1σ and 2σ zones; a point that breaks a Western Electric rule
// is drawn larger and red, with the rules in its title. A long series is thinned for drawing
// (chart-downsample.ts), its x axis the run number, so gaps between kept runs keep their width.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActiveDotProps } from 'recharts';
import type { ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import type { ChartRow, LimitLine } from './chart-series.js';
import { labelledLines, limitLines, niceTicks, valueDomain } from './chart-series.js';
import { formatTick } from './metric-format.js';
import { PointTooltip } from './PointTooltip.js';
import { ChartPoints } from './ChartPoints.js';

/** Shared with the moving-range chart so the two plot areas line up run for run. */
export const CHART_MARGIN = { top: 14, right: 64, bottom: 4, left: 4 };
/**
 * The grids draw no vertical lines, yet recharts still places them, measuring the x axis'
 * labels in the page: a forced layout of every point just drawn (tens of ms on a long series).
 */
export const NO_VERTICAL_LINES = (): number[] => [];
export const Y_AXIS_WIDTH = 64;
export const SYNC_ID = 'monitor-chart';

/** The point under the pointer, still red when it is a flagged one. */
function ActiveDot({ cx, cy, payload }: ActiveDotProps) {
  if (cx == null || cy == null) return null;
  // cast: recharts hands a point's row back as the chart was given it (its types say any): a ChartRow
  const flagged = (payload as ChartRow).flagged;
  return <circle cx={cx} cy={cy} r={flagged ? 7 : 5} className={`chart-point active${flagged ? ' flagged' : ''}`} />;
}

/** Zone lines go unlabelled: they sit close to the limits and the centre, whose labels matter. */
function referenceLine(line: LimitLine, metric: string, labelled: boolean) {
  const label = !labelled
    ? undefined
    : {
        value: `${line.label} ${formatTick(metric, line.y)}`,
        position: 'right' as const,
        className: `chart-line-label ${line.kind}`,
      };
  return (
    <ReferenceLine
      key={line.id}
      y={line.y}
      className={`chart-line ${line.kind}`}
      ifOverflow="extendDomain"
      label={label}
    />
  );
}

export function IndividualsChart({ chart, rows }: { chart: ControlChart; rows: readonly ChartRow[] }) {
  const metric = chart.key.metric;
  const thinned = rows.length < chart.points.length;
  const lines = useMemo(() => (chart.limits ? limitLines(chart.limits) : []), [chart.limits]);
  const axis = useMemo(
    () =>
      niceTicks(
        valueDomain(
          rows.map((row) => row.value),
          lines,
        ),
      ),
    [rows, lines],
  );
  const labels = useMemo(() => labelledLines(lines, axis.domain), [lines, axis]);
  return (
    <div className="monitor-chart individuals" data-testid="individuals-chart" data-drawn={rows.length}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={CHART_MARGIN} syncId={SYNC_ID}>
          <CartesianGrid vertical={false} verticalCoordinatesGenerator={NO_VERTICAL_LINES} className="chart-grid" />
          <XAxis
            dataKey="index"
            type="number"
            domain={['dataMin', 'dataMax']}
            allowDecimals={false}
            tickLine={false}
            className="chart-axis"
            minTickGap={12}
          />
          <YAxis
            domain={axis.domain}
            ticks={axis.ticks}
            interval={0}
            width={Y_AXIS_WIDTH}
            tickLine={false}
            className="chart-axis"
            tickFormatter={(value: number) => formatTick(metric, value)}
          />
          {lines.map((line) => referenceLine(line, metric, labels.has(line.id)))}
          <Tooltip
            content={(props) => (
              <PointTooltip active={props.active} payload={props.payload} metric={metric} variant="value" />
            )}
            isAnimationActive={false}
          />
          <Line
            dataKey="value"
            type="linear"
            className="chart-series"
            isAnimationActive={false}
            dot={false}
            activeDot={(props: ActiveDotProps) => <ActiveDot key={props.index} {...props} />}
          />
          <ChartPoints rows={rows} metric={metric} thinned={thinned} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
