// Control charts of recorded metric series, with the workspace's monitoring settings.
import type { ControlChart, MetricKey, MetricSummary } from '../../../shared/monitoring/monitoring-types.js';
import type { MonitoringSpec } from '../../../shared/pipeline/schema.js';
import {
  WESTERN_ELECTRIC_RULES,
  individualsChart,
  limitsReliability,
  phaseOneLimits,
  westernElectricViolations,
} from '../../../shared/spc/individuals-chart.js';
import type { ChartOptions, ControlLimits, WesternElectricRule } from '../../../shared/spc/individuals-chart.js';
import type { MonitoringStore } from '../store/monitoring-store.js';

/** Twenty points is the usual minimum for trustworthy individuals-chart limits; fewer are allowed, as provisional limits. */
export const DEFAULT_BASELINE = 20;

export interface MonitoringSettings extends ChartOptions {
  /** Whether an out-of-control point of this metric raises an alert. */
  alertsOn(metric: string): boolean;
}

export function chartOptions(spec: MonitoringSpec | undefined): MonitoringSettings {
  const rules = spec?.rules
    ? WESTERN_ELECTRIC_RULES.filter((rule) => spec.rules?.includes(rule))
    : WESTERN_ELECTRIC_RULES;
  const patterns = (spec?.alert_on ?? ['*']).map(metricPattern);
  return {
    baseline: spec?.baseline ?? DEFAULT_BASELINE,
    rules,
    alertsOn: (metric) => patterns.some((pattern) => pattern.test(metric)),
  };
}

/** `rows:*` matches every row-count metric; nothing else in a pattern is special. */
function metricPattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

export function controlChart(store: MonitoringStore, key: MetricKey, options: ChartOptions): ControlChart {
  const series = store.series(key);
  const excluded = new Set(series.flatMap((point, index) => (point.ok ? [] : [index])));
  const chart = individualsChart(
    series.map((point) => point.value),
    { ...options, excluded },
  );
  return {
    key,
    baseline: options.baseline,
    baselineSince: store.baselineSince(key),
    limits: chart.limits,
    limitRuns: chart.baselinePoints.map((index) => series[index]?.runId ?? ''),
    droppedRuns: chart.droppedFromBaseline.map((index) => series[index]?.runId ?? ''),
    reliability: limitsReliability(chart.baselinePoints.length),
    points: series.map(({ ok: _ok, ...point }, index) => {
      const charted = chart.points[index];
      return { ...point, movingRange: charted?.movingRange ?? null, violations: charted?.violations ?? [] };
    }),
  };
}

export interface JudgedPoint {
  value: number;
  limits: ControlLimits | null;
  violations: WesternElectricRule[];
}

/**
 * One run's point judged as `controlChart` judges it, from a bounded read of the series: the
 * limits come from the first baseline points alone, and a rule looks back eight points at most.
 * A run's end judges its own points this way, so its cost does not grow with the history.
 */
export function judgePoint(
  store: MonitoringStore,
  key: MetricKey,
  runId: string,
  options: ChartOptions,
): JudgedPoint | null {
  const baseline = Math.max(2, options.baseline);
  const window = store.judgedWindow(key, runId, baseline);
  const value = window?.recent.at(-1);
  if (window === null || value === undefined) return null;
  const candidates = window.baseline.map((_, index) => index);
  const limits =
    window.baseline.length >= baseline ? (phaseOneLimits(window.baseline, candidates)?.limits ?? null) : null;
  if (limits === null) return { value, limits, violations: [] };
  // A rule of eight in a row needs eight points: fewer before this one, and it cannot hold.
  const padding = Array.from({ length: 8 - window.recent.length }, () => limits.center);
  const violations = westernElectricViolations([...padding, ...window.recent], limits, options.rules).at(-1) ?? [];
  return { value, limits, violations };
}

/** Every series of a pipeline in one environment, with its latest point judged on its chart (`chartOf`). */
export function metricSummaries(
  store: MonitoringStore,
  pipeline: string,
  environment: string,
  chartOf: (key: MetricKey) => ControlChart,
): MetricSummary[] {
  return store.seriesKeys(pipeline, environment).flatMap((key) => {
    const chart = chartOf(key);
    const latest = chart.points.at(-1);
    if (!latest) return [];
    const { movingRange: _range, violations, ...point } = latest;
    return [
      {
        key,
        points: chart.points.length,
        latest: point,
        limits: chart.limits,
        violations,
        limitPoints: chart.limitRuns.length,
        reliability: chart.reliability,
      },
    ];
  });
}
