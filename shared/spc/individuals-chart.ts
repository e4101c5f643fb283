// Individuals (X) chart with a moving-range chart, the control chart for one value per run.
// Sigma is estimated from the average moving range (MR-bar / d2, d2 = 1.128 for ranges of two
// consecutive points), so a slow drift does not inflate the limits the way a plain standard
// deviation would. Limits come from a baseline (Phase I) and then stay fixed, so the points
// after it are judged against what the process did when it was known to be stable.
import { present } from '../invariant/present.js';

/** d2 for subgroups of two, and D4 for the upper limit of their ranges (standard SPC constants). */
const D2 = 1.128;
const D4 = 3.267;

export type WesternElectricRule = 1 | 2 | 3 | 4;
export const WESTERN_ELECTRIC_RULES: readonly WesternElectricRule[] = [1, 2, 3, 4];

export const RULE_DESCRIPTIONS: Record<WesternElectricRule, string> = {
  1: 'a point beyond the 3-sigma limits',
  2: 'two of three points beyond 2 sigma on one side',
  3: 'four of five points beyond 1 sigma on one side',
  4: 'eight points in a row on one side of the centre line',
};

export interface ControlLimits {
  center: number;
  /** The estimated process sigma: MR-bar / 1.128. */
  sigma: number;
  ucl: number;
  lcl: number;
  /** The moving-range chart: its centre line (MR-bar) and upper limit (D4 x MR-bar). */
  mrBar: number;
  mrUcl: number;
}

export interface ChartedValue {
  value: number;
  movingRange: number | null;
  violations: WesternElectricRule[];
}

export interface ChartOptions {
  /** How many points set the limits; before the series has that many, nothing is judged. */
  baseline: number;
  rules?: readonly WesternElectricRule[];
}

/**
 * Offsets this small relative to the centre are rounding, not signal: the mean of twenty runs
 * of 0.93 is not exactly 0.93 in floating point, and with a constant baseline (sigma 0) any
 * real offset counts as infinitely far.
 */
const ROUNDING = 1e-9;

export function movingRanges(values: readonly number[]): (number | null)[] {
  return values.length === 0 ? [] : [null, ...rangesBetween(values)];
}

/** The distance from each value to the one before it (one fewer than the values). */
function rangesBetween(values: readonly number[]): number[] {
  const ranges: number[] = [];
  let previous: number | undefined;
  for (const value of values) {
    if (previous !== undefined) ranges.push(Math.abs(value - previous));
    previous = value;
  }
  return ranges;
}

/** Limits from these values, or null with fewer than two (no moving range yet). */
export function individualsLimits(values: readonly number[]): ControlLimits | null {
  if (values.length < 2) return null;
  const center = values.reduce((sum, value) => sum + value, 0) / values.length;
  const ranges = rangesBetween(values);
  const mrBar = ranges.reduce((sum, range) => sum + range, 0) / ranges.length;
  const sigma = mrBar / D2;
  return { center, sigma, ucl: center + 3 * sigma, lcl: center - 3 * sigma, mrBar, mrUcl: D4 * mrBar };
}

/**
 * The rules each point breaks. A point is flagged by a rule when the run of points ending at it
 * completes the rule's pattern and the point itself is part of that pattern (on the same side,
 * beyond the same zone), so a flag always marks the point that made the signal.
 */
export function westernElectricViolations(
  values: readonly number[],
  limits: ControlLimits,
  rules: readonly WesternElectricRule[] = WESTERN_ELECTRIC_RULES,
): WesternElectricRule[][] {
  const { center, sigma } = limits;
  // Signed distance in sigmas; a zero sigma (a constant baseline) makes any change infinitely far.
  const zone = (value: number) => {
    const offset = value - center;
    if (Math.abs(offset) <= ROUNDING * Math.max(1, Math.abs(center))) return 0;
    return sigma === 0 ? Math.sign(offset) * Infinity : offset / sigma;
  };
  const zones = values.map(zone);
  const beyond = (z: number, side: number, sigmas: number) => side * z > sigmas;
  const countBeyond = (end: number, length: number, side: number, sigmas: number) =>
    zones.slice(Math.max(0, end - length + 1), end + 1).filter((z) => beyond(z, side, sigmas)).length;

  return zones.map((z, index) => {
    const side = Math.sign(z);
    const broken: WesternElectricRule[] = [];
    if (rules.includes(1) && Math.abs(z) > 3) broken.push(1);
    if (side === 0) return broken;
    if (rules.includes(2) && beyond(z, side, 2) && countBeyond(index, 3, side, 2) >= 2) broken.push(2);
    if (rules.includes(3) && beyond(z, side, 1) && countBeyond(index, 5, side, 1) >= 4) broken.push(3);
    if (rules.includes(4) && index >= 7 && countBeyond(index, 8, side, 0) === 8) broken.push(4);
    return broken;
  });
}

/** Phase I gives up after this many revisions: a baseline that keeps losing points is not stable. */
const MAX_REVISIONS = 10;

export interface PhaseOneLimits {
  limits: ControlLimits;
  /** Indices (into the values given) of the baseline points the limits were computed from. */
  used: number[];
  /** Baseline points dropped for being out of control against the limits of the rest. */
  dropped: number[];
}

/**
 * Textbook Phase I on a baseline: compute limits, drop the points they find out of control
 * (a point beyond 3 sigma, or an out-of-control moving range), and compute again from what is
 * left until no point is dropped. One bad run in the baseline then neither widens the limits nor
 * shifts the centre line so far that every later run sits on one side of it (rule 4).
 */
export function phaseOneLimits(values: readonly number[], candidates: readonly number[]): PhaseOneLimits | null {
  const valueAt = (index: number) => present(values[index], `the baseline value at ${index}`);
  let used = [...candidates];
  const dropped: number[] = [];
  for (let revision = 0; revision <= MAX_REVISIONS; revision += 1) {
    const limits = individualsLimits(used.map(valueAt));
    if (!limits) return null;
    const flagged = used.filter((index, position) => {
      const value = valueAt(index);
      const before = position === 0 ? undefined : used[position - 1];
      const previous = before === undefined ? null : valueAt(before);
      const beyond = limits.sigma > 0 && (value > limits.ucl || value < limits.lcl);
      const jumped =
        previous !== null &&
        limits.mrBar > 0 &&
        Math.abs(value - previous) > limits.mrUcl &&
        isFarther(value, previous, limits.center);
      return beyond || jumped;
    });
    // Never drop so much that fewer than two points are left to set limits.
    if (flagged.length === 0 || used.length - flagged.length < 2) return { limits, used, dropped };
    dropped.push(...flagged);
    used = used.filter((index) => !flagged.includes(index));
  }
  const limits = individualsLimits(used.map(valueAt));
  return limits ? { limits, used, dropped } : null;
}

/** Of two consecutive points with an out-of-control range, the one farther from the centre made it. */
function isFarther(value: number, previous: number, center: number): boolean {
  return Math.abs(value - center) > Math.abs(previous - center);
}

/**
 * The whole chart of a series: limits from its first `baseline` eligible points after Phase I,
 * every point judged. Points in `excluded` (e.g. from failed or warned runs) are charted and
 * judged but never set limits, so a broken run early on cannot widen them.
 */
export function individualsChart(
  values: readonly number[],
  options: ChartOptions & { excluded?: ReadonlySet<number> },
): { limits: ControlLimits | null; points: ChartedValue[]; baselinePoints: number[]; droppedFromBaseline: number[] } {
  const baseline = Math.max(2, options.baseline);
  const eligible = values.flatMap((_, index) => (options.excluded?.has(index) ? [] : [index]));
  const phaseOne = eligible.length >= baseline ? phaseOneLimits(values, eligible.slice(0, baseline)) : null;
  const limits = phaseOne?.limits ?? null;
  const violations = limits ? westernElectricViolations(values, limits, options.rules) : values.map(() => []);
  const ranges = movingRanges(values);
  return {
    limits,
    points: values.map((value, index) => ({
      value,
      movingRange: ranges[index] ?? null,
      violations: violations[index] ?? [],
    })),
    baselinePoints: phaseOne?.used ?? [],
    droppedFromBaseline: phaseOne?.dropped ?? [],
  };
}

/** How far limits from this many points can be trusted; twenty is the textbook minimum. */
export type LimitsReliability = 'provisional' | 'reliable';

export function limitsReliability(points: number): LimitsReliability {
  return points >= 20 ? 'reliable' : 'provisional';
}
