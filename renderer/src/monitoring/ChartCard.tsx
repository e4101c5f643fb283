// The chosen metric's control chart: what it is, its limits (or how far the baseline has
// come), the individuals chart and the moving-range chart under it.
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { NO_ITEMS } from '../studio/empty.js';
import { drawnRows } from './chart-downsample.js';
import { useMonitoring, useStudio } from '../studio/studio-context.js';
import { baselineProgress, chartRows, flaggedCount } from './chart-series.js';
import { ChartLegend } from './ChartLegend.js';
import { IndividualsChart } from './IndividualsChart.js';
import { formatMetricValue, metricLabel } from './metric-format.js';
import { MovingRangeChart } from './MovingRangeChart.js';
import { sameSeries } from '../stores/series-selection.js';
import { SeriesBadge } from './SeriesBadge.js';

export function ChartCard() {
  const { chart, selected } = useMonitoring(useShallow((state) => ({ chart: state.chart, selected: state.selected })));
  const { monitoringController: controller } = useStudio();
  const shown = chart && sameSeries(chart.key, selected) ? chart : null;
  // Thinned once for both charts: a long series is thousands of rows.
  const rows = useMemo(() => (shown ? drawnRows(chartRows(shown)) : NO_ITEMS), [shown]);
  if (!selected)
    return (
      <section className="monitor-card monitor-chart-card">
        <p className="muted">Choose a metric to see its control chart.</p>
      </section>
    );
  if (!shown)
    return (
      <section className="monitor-card monitor-chart-card">
        <p className="muted">Loading the chart…</p>
      </section>
    );

  const { limits, key } = shown;
  const progress = baselineProgress(shown);
  const flagged = flaggedCount(shown);
  const value = (number: number) => formatMetricValue(key.metric, number);
  const since =
    shown.baselineSince === null ? '' : ` since the new baseline of ${new Date(shown.baselineSince).toLocaleString()}`;
  return (
    <section
      className="monitor-card monitor-chart-card"
      data-testid="chart-card"
      data-step={key.step}
      data-metric={key.metric}
    >
      <div className="monitor-card-head">
        <h3 title={key.metric}>{metricLabel(key.metric)}</h3>
        <span className="muted mono">{key.step}</span>
        <span className="spacer" />
        {progress ? (
          <SeriesBadge state="baseline" />
        ) : (
          <SeriesBadge
            state={flagged > 0 ? 'out-of-control' : 'in-control'}
            detail={flagged > 1 ? `· ${flagged} points` : ''}
          />
        )}
        <button
          type="button"
          className="button small"
          data-testid="chart-reset-baseline"
          disabled={shown.points.length === 0}
          title="After an intended change (a new source, a new model): forget these limits; the next runs set new ones"
          onClick={() => void controller.resetBaseline()}
        >
          New baseline
        </button>
      </div>
      {progress ? (
        <p className="chart-note" data-testid="chart-baseline">
          {progress.have} of {progress.need} baseline runs: the control limits are set once the series has{' '}
          {progress.need} runs, and points are judged from then on.
        </p>
      ) : limits ? (
        <>
          <p className="chart-note" data-testid="chart-limits">
            Limits from {shown.limitRuns.length} points{since}: centre <strong>{value(limits.center)}</strong>, UCL{' '}
            <strong>{value(limits.ucl)}</strong>, LCL <strong>{value(limits.lcl)}</strong>, σ {value(limits.sigma)}
          </p>
          <p className="chart-note" data-testid="chart-reliability" data-reliability={shown.reliability}>
            {shown.reliability === 'provisional' ? (
              <>
                <strong>Provisional:</strong> limits from {shown.limitRuns.length} points; twenty make them reliable.
              </>
            ) : (
              'Reliable: limits from twenty points or more.'
            )}
            {shown.droppedRuns.length > 0
              ? ` ${shown.droppedRuns.length} baseline run${shown.droppedRuns.length === 1 ? ' was' : 's were'} out of control and left out (Phase I).`
              : ''}
          </p>
        </>
      ) : null}
      {shown.points.length === 0 ? (
        <p className="muted">No values yet.</p>
      ) : (
        <>
          <IndividualsChart chart={shown} rows={rows} />
          <ChartLegend chart={shown} />
          <div className="chart-caption muted">
            Moving range
            {limits ? (
              <>
                {' '}
                · MR̄ {value(limits.mrBar)} · UCL {value(limits.mrUcl)}
              </>
            ) : null}
          </div>
          <MovingRangeChart chart={shown} rows={rows} />
        </>
      )}
    </section>
  );
}
