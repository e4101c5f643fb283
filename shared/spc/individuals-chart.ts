// Individuals (X) chart with a moving-range chart, the control chart for one value per run.
// Sigma is estimated from the average moving range (MR-bar / d2, d2 = 1.128 for ranges of two
// consecutive points), so a slow drift does not inflate the limits the way a plain standard
// deviation would. Limits come from a baseline (Phase I) and then stay fixed, so the points
// after it are judged against what the process did when it was known to be stable.

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
  return values.map((value, index) => (index === 0 ? null : Math.abs(value - (values[index - 1] as number))));
}

/** Limits from these values, or null with fewer than two (no moving range yet). */
export function individualsLimits(values: readonly number[]): ControlLimits | null {
  if (values.length < 2) return null;
  const center = values.reduce((sum, value) => sum + value, 0) / values.length;
  const ranges = movingRanges(values).slice(1) as number[];
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
  values: readonly number[], limits: ControlLimits, rules: readonly WesternElectricRule[] = WESTERN_ELECTRIC_RULES,
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

/**
 * The whole chart of a series: limits from its first `baseline` points, every point judged.
 * Points in `excluded` (e.g. from failed runs) are charted and judged but never set limits, so
 * a broken run early on cannot widen them.
 */
export function individualsChart(
  values: readonly number[], options: ChartOptions & { excluded?: ReadonlySet<number> },
): { limits: ControlLimits | null; points: ChartedValue[] } {
  const baseline = Math.max(2, options.baseline);
  const eligible = values.filter((_, index) => !options.excluded?.has(index));
  const limits = eligible.length >= baseline ? individualsLimits(eligible.slice(0, baseline)) : null;
  const violations = limits ? westernElectricViolations(values, limits, options.rules) : values.map(() => []);
  const ranges = movingRanges(values);
  return {
    limits,
    points: values.map((value, index) => ({ value, movingRange: ranges[index] ?? null, violations: violations[index] ?? [] })),
  };
}
