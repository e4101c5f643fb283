// What monitoring records and shows: metric series per pipeline, environment, step and metric,
// their control charts, and the alerts raised by out-of-control points and failed tests.
// Plain data only, so it crosses the IPC boundary as is.
import type { ControlLimits, LimitsReliability, WesternElectricRule } from '../spc/individuals-chart.js';

/**
 * Metric names: `duration_ms` (a step's execution time), `rows:<path>` (rows of an output or
 * tested file), `test:<test name>` (a data test's observed value), `<metrics file>:<key>`
 * (a number the step wrote; nested keys joined with dots).
 */
export interface MetricKey {
  pipeline: string;
  /** The environment the run used; '' for runs without one. */
  environment: string;
  step: string;
  metric: string;
}

export interface MetricPoint {
  runId: string;
  recordedAt: number;
  value: number;
}

export interface ChartPoint extends MetricPoint {
  /** |value - previous value|; null for the first point. */
  movingRange: number | null;
  /** The Western Electric rules this point breaks (empty while the baseline is still filling). */
  violations: WesternElectricRule[];
}

export interface ControlChart {
  key: MetricKey;
  points: ChartPoint[];
  /** Null until the series has `baseline` points of successful runs. */
  limits: ControlLimits | null;
  baseline: number;
  /** When the current baseline began (a reset); null: with the series' first point. */
  baselineSince: number | null;
  /** The runs whose points set the limits, after Phase I dropped the out-of-control ones (none without limits). */
  limitRuns: string[];
  /** Runs whose baseline points Phase I dropped for being out of control. */
  droppedRuns: string[];
  /** Under twenty points, limits are provisional: the chart says so. */
  reliability: LimitsReliability;
}

/** One series in a dashboard list: its latest value and whether that value is in control. */
export interface MetricSummary {
  key: MetricKey;
  points: number;
  latest: MetricPoint;
  limits: ControlLimits | null;
  violations: WesternElectricRule[];
  /** How many points set the limits, and whether that is enough to trust them. */
  limitPoints: number;
  reliability: LimitsReliability;
}

export const ALERT_KINDS = ['out-of-control', 'test-failed'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  id: number;
  kind: AlertKind;
  pipeline: string;
  environment: string;
  runId: string;
  step: string | null;
  /** The metric (out-of-control) or the test name (test-failed). */
  metric: string | null;
  rules: WesternElectricRule[];
  value: number | null;
  message: string;
  createdAt: number;
  acknowledgedAt: number | null;
  /** How many runs raised it while it was open (1: only the first); later ones update it. */
  repeats: number;
  /** When, and by which run, it was raised last. */
  lastSeenAt: number;
  lastRunId: string;
}
