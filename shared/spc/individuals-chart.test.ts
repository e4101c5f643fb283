import { describe, expect, it } from 'vitest';
import type { ControlLimits, WesternElectricRule } from './individuals-chart.js';
import {
  individualsChart,
  individualsLimits,
  limitsReliability,
  movingRanges,
  phaseOneLimits,
  westernElectricViolations,
} from './individuals-chart.js';

// Montgomery, Introduction to Statistical Quality Control (6th ed.), Example 6.5: the cost of
// processing mortgage loan applications over 20 weeks. Published: x-bar 300.5, MR-bar 7.79,
// UCL 321.22, LCL 279.78, and an MR chart with UCL 25.45.
const LOAN_COSTS = [310, 288, 297, 298, 307, 303, 294, 297, 308, 306, 294, 299, 297, 299, 314, 295, 293, 306, 301, 304];

const unitLimits: ControlLimits = { center: 0, sigma: 1, ucl: 3, lcl: -3, mrBar: 1.128, mrUcl: 3.685 };
const flagged = (values: number[]) =>
  westernElectricViolations(values, unitLimits).flatMap((rules, index) => rules.map((rule) => ({ index, rule })));

describe('individuals chart', () => {
  it('reproduces the published limits of the textbook example', () => {
    const limits = individualsLimits(LOAN_COSTS);
    expect(limits?.center).toBeCloseTo(300.5, 2);
    expect(limits?.mrBar).toBeCloseTo(7.79, 2);
    expect(limits?.ucl).toBeCloseTo(321.22, 2);
    expect(limits?.lcl).toBeCloseTo(279.78, 2);
    expect(limits?.mrUcl).toBeCloseTo(25.45, 1);
    expect(limits?.sigma).toBeCloseTo(7.79 / 1.128, 1);
  });

  it('finds the textbook process in control: no point beyond the limits', () => {
    const chart = individualsChart(LOAN_COSTS, { baseline: 20, rules: [1] });
    expect(chart.points.filter((point) => point.violations.length > 0)).toEqual([]);
    expect(chart.points[1]?.movingRange).toBe(22);
  });

  it('judges nothing until the baseline is full, then keeps the baseline limits fixed', () => {
    expect(individualsChart([1, 2, 1], { baseline: 4 }).limits).toBeNull();
    const chart = individualsChart([10, 11, 10, 11, 30], { baseline: 4 });
    expect(chart.limits?.center).toBe(10.5);
    expect(chart.points[4]?.violations).toContain(1);
  });

  it('takes the moving range between consecutive points', () => {
    expect(movingRanges([3, 5, 4])).toEqual([null, 2, 1]);
    expect(individualsLimits([7])).toBeNull();
  });
});

describe('Western Electric rules, each on a series that triggers only it', () => {
  const cases: { rule: WesternElectricRule; series: number[]; at: number }[] = [
    { rule: 1, series: [0.5, -0.5, 3.5, -0.5], at: 2 },
    { rule: 1, series: [0.5, -3.2, 0.1], at: 1 },
    { rule: 2, series: [0.5, 2.5, -0.5, 2.5], at: 3 },
    { rule: 2, series: [-2.5, -2.2, 0.5], at: 1 },
    { rule: 3, series: [1.5, 1.5, 0.5, 1.5, 1.5], at: 4 },
    { rule: 3, series: [-1.2, -1.5, -1.1, 0.2, -1.9], at: 4 },
    { rule: 4, series: [0.5, 0.2, 0.9, 0.1, 0.3, 0.4, 0.6, 0.2], at: 7 },
    { rule: 4, series: [-0.5, -0.2, -0.9, -0.1, -0.3, -0.4, -0.6, -0.2, -0.1], at: 7 },
  ];
  it.each(cases)('rule $rule flags point $at of $series', ({ rule, series, at }) => {
    const found = flagged(series);
    expect(found.map((flag) => flag.rule).every((other) => other === rule)).toBe(true);
    expect(found).toContainEqual({ index: at, rule });
  });

  it('needs the points on the same side', () => {
    expect(flagged([2.5, -2.5, 0.2])).toEqual([]);
    expect(flagged([1.5, -1.5, 1.5, -1.5, 1.5])).toEqual([]);
    expect(flagged([0.5, 0.2, 0.9, -0.1, 0.3, 0.4, 0.6, 0.2])).toEqual([]);
  });

  it('treats any change from a constant baseline as beyond the limits', () => {
    const chart = individualsChart([100, 100, 100, 100, 90], { baseline: 4 });
    expect(chart.limits?.sigma).toBe(0);
    expect(chart.points[4]?.violations).toContain(1);
    expect(chart.points.slice(0, 4).every((point) => point.violations.length === 0)).toBe(true);
  });

  it('does not take floating-point rounding of a constant series for a signal', () => {
    const chart = individualsChart(Array(21).fill(0.93), { baseline: 20 });
    expect(chart.limits?.sigma).toBe(0);
    expect(chart.points.every((point) => point.violations.length === 0)).toBe(true);
    expect(individualsChart([...Array(20).fill(123.456), 123.457], { baseline: 20 }).points[20]?.violations).toEqual([
      1,
    ]);
  });

  it('keeps excluded points out of the limits but still judges them', () => {
    const chart = individualsChart([0, 10, 11, 10, 11, 30], { baseline: 4, excluded: new Set([0]) });
    expect(chart.limits?.center).toBe(10.5);
    expect(chart.points[0]?.violations).toContain(1);
    expect(chart.points[5]?.violations).toContain(1);
  });

  it('applies only the chosen rules', () => {
    expect(westernElectricViolations([0.5, 2.5, -0.5, 2.5], unitLimits, [1, 3, 4]).flat()).toEqual([]);
  });
});

describe('Phase I: out-of-control baseline points are dropped and the limits recomputed', () => {
  // The textbook series with week 11 replaced by a blunder (a cost of 360, far beyond 3 sigma).
  const WITH_BLUNDER = LOAN_COSTS.map((value, index) => (index === 10 ? 360 : value));
  const without = (index: number) => WITH_BLUNDER.filter((_, at) => at !== index);

  it('drops the out-of-control point, and the limits are those of the other nineteen', () => {
    const naive = individualsLimits(WITH_BLUNDER);
    const phaseOne = phaseOneLimits(
      WITH_BLUNDER,
      WITH_BLUNDER.map((_, index) => index),
    );
    expect(phaseOne?.dropped).toEqual([10]);
    expect(phaseOne?.used).toHaveLength(19);
    const expected = individualsLimits(without(10));
    expect(phaseOne?.limits).toEqual(expected);
    // Close to the published in-control limits again, and far narrower than with the blunder.
    expect(phaseOne?.limits.center).toBeCloseTo(300.84, 2);
    expect(phaseOne?.limits.ucl).toBeLessThan(325);
    expect((naive?.ucl ?? 0) - (naive?.lcl ?? 0)).toBeGreaterThan(
      ((phaseOne?.limits.ucl ?? 0) - (phaseOne?.limits.lcl ?? 0)) * 1.5,
    );
  });

  it('keeps every point of an in-control baseline (the textbook example)', () => {
    const phaseOne = phaseOneLimits(
      LOAN_COSTS,
      LOAN_COSTS.map((_, index) => index),
    );
    expect(phaseOne?.dropped).toEqual([]);
    expect(phaseOne?.limits.ucl).toBeCloseTo(321.22, 2);
  });

  it('one bad baseline run neither widens the limits nor trips rule 4 on every later run', () => {
    const baseline = [10, 10.2, 9.9, 10.1, 10, 9.8, 10.1, 30];
    const later = [10, 10.1, 9.9, 10.2, 10, 9.9, 10.1, 10, 10.2, 9.8];
    const chart = individualsChart([...baseline, ...later], { baseline: 8 });
    expect(chart.droppedFromBaseline).toEqual([7]);
    expect(chart.limits?.center).toBeCloseTo(10.014, 2);
    expect(chart.points.slice(baseline.length).filter((point) => point.violations.length > 0)).toEqual([]);
    expect(chart.points[7]?.violations).toContain(1);
  });

  it('leaves points of excluded runs (failed, warned) out of the baseline, and calls fewer than 20 points provisional', () => {
    const chart = individualsChart([10, 99, 11, 10, 11], { baseline: 4, excluded: new Set([1]) });
    expect(chart.baselinePoints).toEqual([0, 2, 3, 4]);
    expect(chart.limits?.center).toBe(10.5);
    expect(limitsReliability(chart.baselinePoints.length)).toBe('provisional');
    expect(limitsReliability(20)).toBe('reliable');
  });
});
