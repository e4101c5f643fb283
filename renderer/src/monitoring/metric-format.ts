// Metric names and values in words: `duration_ms` reads as a duration, `rows:<path>` as the
// rows of a file, `test:<name>` as what a data test observed.
import type { MetricKey } from '../../../shared/monitoring/monitoring-types.js';
import { formatNumber } from '../../../shared/monitoring/number-format.js';
import { formatDuration } from '../../../shared/pipeline/duration.js';

export function metricLabel(metric: string): string {
  if (metric === 'duration_ms') return 'duration';
  if (metric.startsWith('rows:')) return `rows of ${metric.slice('rows:'.length)}`;
  if (metric.startsWith('test:')) return `test “${metric.slice('test:'.length)}”`;
  // A key of a metrics file: the key first (what people look for), then its file, so the same
  // key in two files of one step reads as two metrics.
  const split = metric.indexOf(':');
  return split > 0 ? `${metric.slice(split + 1)} (${metric.slice(0, split)})` : metric;
}

const NUMBER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });
const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 2 });

export function formatMetricValue(metric: string, value: number): string {
  if (metric === 'duration_ms') return formatDuration(value);
  return formatNumber(value);
}

/** Axis ticks: short, and without the unit a duration label would repeat on every tick. */
export function formatTick(metric: string, value: number): string {
  if (metric === 'duration_ms') return formatDuration(Math.max(0, value));
  return Math.abs(value) >= 10_000 ? COMPACT.format(value) : NUMBER.format(Number(value.toPrecision(4)));
}

/** One string per series of a pipeline and environment, for selection and React keys. */
export function seriesId(key: Pick<MetricKey, 'step' | 'metric'>): string {
  return `${key.step}\u0000${key.metric}`;
}
