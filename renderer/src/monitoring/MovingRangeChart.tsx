// The moving-range chart under the individuals chart: how much each run moved from the one
// before, against MR-bar and its upper limit. A jump shows here even when both values sit
// inside the individuals limits.
import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import type { ChartRow } from './chart-series.js';
import { movingRangeLines, niceTicks, valueDomain } from './chart-series.js';
import { CHART_MARGIN, NO_VERTICAL_LINES, SYNC_ID, Y_AXIS_WIDTH } from './IndividualsChart.js';
import { formatTick } from './metric-format.js';
import { PointTooltip } from './PointTooltip.js';

/** `rows`: the same runs as the individuals chart above, so the two stay in step under the pointer. */
export function MovingRangeChart({ chart, rows }: { chart: ControlChart; rows: readonly ChartRow[] }) {
  const metric = chart.key.metric;
  const thinned = rows.length < chart.points.length;
  const lines = useMemo(() => (chart.limits ? movingRangeLines(chart.limits) : []), [chart.limits]);
  const axis = useMemo(() => {
    const [, high] = valueDomain(
      rows.map((row) => row.movingRange ?? 0),
      lines,
    );
    return niceTicks([0, high], 4);
  }, [rows, lines]);
  return (
    <div className="monitor-chart moving-range" data-testid="moving-range-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ ...CHART_MARGIN, top: 6 }} syncId={SYNC_ID}>
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
          {/* Unlabelled: the two lines sit close together; the caption above gives their values. */}
          {lines.map((line) => (
            <ReferenceLine key={line.id} y={line.y} className={`chart-line ${line.kind}`} ifOverflow="extendDomain" />
          ))}
          <Tooltip
            content={(props) => (
              <PointTooltip active={props.active} payload={props.payload} metric={metric} variant="range" />
            )}
            isAnimationActive={false}
          />
          <Line
            dataKey="movingRange"
            type="linear"
            className="chart-series"
            isAnimationActive={false}
            connectNulls={false}
            dot={thinned ? false : { r: 2, className: 'chart-point' }}
            activeDot={{ r: 4, className: 'chart-point active' }}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
