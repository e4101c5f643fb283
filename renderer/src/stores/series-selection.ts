// Which chart the dashboard shows when its metrics arrive: the one chosen (from the list or an
// alert) while it exists, else the first out of control (what needs a look), else the first.
import type { MetricSummary } from '../../../shared/monitoring/monitoring-types.js';

export interface SeriesRef {
  step: string;
  metric: string;
}

export function pickSeries(metrics: readonly MetricSummary[], wanted: SeriesRef | null): SeriesRef | null {
  const found =
    wanted && metrics.find((summary) => summary.key.step === wanted.step && summary.key.metric === wanted.metric);
  const chosen = found || metrics.find((summary) => summary.violations.length > 0) || metrics[0];
  return chosen ? { step: chosen.key.step, metric: chosen.key.metric } : null;
}

export function sameSeries(a: SeriesRef | null, b: SeriesRef | null): boolean {
  return a !== null && b !== null && a.step === b.step && a.metric === b.metric;
}

/** In control, out of control, or still filling its baseline. */
export type SeriesState = 'in-control' | 'out-of-control' | 'baseline';

export function seriesState(summary: MetricSummary): SeriesState {
  if (summary.limits === null) return 'baseline';
  return summary.violations.length > 0 ? 'out-of-control' : 'in-control';
}
