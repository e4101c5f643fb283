// What the control chart draws, computed apart from the drawing so it can be tested: one row
// per run, the limit and zone lines, a value range that keeps the limits in view, and how far
// the baseline has come while there are no limits yet.
import type { ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import { RULE_DESCRIPTIONS } from '../../../shared/spc/individuals-chart.js';
import type { ControlLimits, WesternElectricRule } from '../../../shared/spc/individuals-chart.js';

export interface ChartRow {
  /** The run's position in the series, from 1: the x axis. */
  index: number;
  runId: string;
  recordedAt: number;
  value: number;
  movingRange: number | null;
  violations: WesternElectricRule[];
  /** Out of control and not a baseline run Phase I already left out (that one is drawn as dropped). */
  flagged: boolean;
  /** One of the runs the limits were computed from. */
  baseline: boolean;
  /** A baseline run Phase I left out of the limits for being out of control. */
  dropped: boolean;
}

export function chartRows(chart: ControlChart): ChartRow[] {
  const limitRuns = new Set(chart.limitRuns);
  const dropped = new Set(chart.droppedRuns);
  return chart.points.map((point, position) => ({
    index: position + 1,
    runId: point.runId,
    recordedAt: point.recordedAt,
    value: point.value,
    movingRange: point.movingRange,
    violations: point.violations,
    flagged: point.violations.length > 0 && !dropped.has(point.runId),
    baseline: limitRuns.has(point.runId),
    dropped: dropped.has(point.runId),
  }));
}

/** Points flagged out of control, not counting baseline runs Phase I left out: those are explained already. */
export function flaggedCount(chart: ControlChart): number {
  const dropped = new Set(chart.droppedRuns);
  return chart.points.filter((point) => point.violations.length > 0 && !dropped.has(point.runId)).length;
}

export type LineKind = 'limit' | 'zone' | 'center';

export interface LimitLine {
  id: string;
  y: number;
  label: string;
  kind: LineKind;
}

/**
 * UCL, the ±2σ and ±1σ zone boundaries, the centre line and LCL, top to bottom. With a zero
 * sigma (a perfectly steady baseline) every line sits on the centre, so only the centre is drawn.
 */
export function limitLines(limits: ControlLimits): LimitLine[] {
  const { center, sigma } = limits;
  if (sigma === 0) return [{ id: 'center', y: center, label: 'CL', kind: 'center' }];
  return [
    { id: 'ucl', y: limits.ucl, label: 'UCL', kind: 'limit' },
    { id: 'plus2', y: center + 2 * sigma, label: '+2σ', kind: 'zone' },
    { id: 'plus1', y: center + sigma, label: '+1σ', kind: 'zone' },
    { id: 'center', y: center, label: 'CL', kind: 'center' },
    { id: 'minus1', y: center - sigma, label: '−1σ', kind: 'zone' },
    { id: 'minus2', y: center - 2 * sigma, label: '−2σ', kind: 'zone' },
    { id: 'lcl', y: limits.lcl, label: 'LCL', kind: 'limit' },
  ];
}

/** Lines closer than this share of the y range have their labels drawn over each other (12 px of a 220 px plot). */
const LABEL_ROOM = 0.06;

/**
 * The lines whose labels can be read: the centre line's always, a limit's only when it is far
 * enough from the centre on screen (a far-off point squeezes them together; the card states
 * the limits in words anyway). Zone lines go unlabelled.
 */
export function labelledLines(lines: readonly LimitLine[], [low, high]: [number, number]): Set<string> {
  const center = lines.find((line) => line.kind === 'center');
  const room = (high - low) * LABEL_ROOM;
  const readable = (line: LimitLine) =>
    line.kind === 'center' || (line.kind === 'limit' && (!center || Math.abs(line.y - center.y) >= room));
  return new Set(lines.filter(readable).map((line) => line.id));
}

/** The moving-range chart's lines: its centre (MR-bar) and upper limit. */
export function movingRangeLines(limits: ControlLimits): LimitLine[] {
  if (limits.mrBar === 0) return [{ id: 'mr-center', y: 0, label: 'MR̄', kind: 'center' }];
  return [
    { id: 'mr-ucl', y: limits.mrUcl, label: 'UCL', kind: 'limit' },
    { id: 'mr-center', y: limits.mrBar, label: 'MR̄', kind: 'center' },
  ];
}

/**
 * The y range: every value and every line, with a margin so points on the edge stay visible.
 * A flat series gets a range around its value instead of a zero-height one.
 */
export function valueDomain(values: readonly number[], lines: readonly LimitLine[]): [number, number] {
  const all = [...values, ...lines.map((line) => line.y)].filter(Number.isFinite);
  if (all.length === 0) return [0, 1];
  const low = Math.min(...all);
  const high = Math.max(...all);
  const span = high - low;
  const margin = span === 0 ? Math.max(Math.abs(high) * 0.1, 1) : span * 0.08;
  return [low - margin, high + margin];
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

/**
 * Round axis ticks covering a range: about `count` of them at 1, 2, 2.5 or 5 times a power of
 * ten, the range widened to the first and last, so the axis never starts at a value like 954.3.
 */
export function niceTicks([low, high]: [number, number], count = 5): { domain: [number, number]; ticks: number[] } {
  const span = high - low;
  if (!(span > 0) || !Number.isFinite(span)) return { domain: [low, high], ticks: [low, high] };
  const raw = span / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (NICE_STEPS.find((multiple) => multiple * magnitude >= raw) ?? 10) * magnitude;
  const first = Math.floor(low / step);
  const last = Math.ceil(high / step);
  // Multiplying integers by the step keeps 0.1 + 0.2 style drift out of the tick labels.
  const tick = (multiple: number) => Number((multiple * step).toPrecision(12));
  const ticks = Array.from({ length: last - first + 1 }, (_, index) => tick(first + index));
  return { domain: [tick(first), tick(last)], ticks };
}

/** While the limits are not set: how many of the baseline's runs the series has. */
export function baselineProgress(chart: ControlChart): { have: number; need: number } | null {
  if (chart.limits) return null;
  return { have: chart.points.length, need: chart.baseline };
}

/** "rule 1: a point beyond the 3-sigma limits", one per rule broken. */
export function ruleTexts(rules: readonly WesternElectricRule[]): string[] {
  return [...rules].sort((a, b) => a - b).map((rule) => `rule ${rule}: ${RULE_DESCRIPTIONS[rule]}`);
}
