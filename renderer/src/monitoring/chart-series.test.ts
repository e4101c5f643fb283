import { describe, expect, it } from 'vitest';
import type { ControlChart } from '../../../shared/monitoring/monitoring-types.js';
import type { ControlLimits } from '../../../shared/spc/individuals-chart.js';
import {
  baselineProgress,
  chartRows,
  flaggedCount,
  labelledLines,
  limitLines,
  movingRangeLines,
  niceTicks,
  ruleTexts,
  valueDomain,
} from './chart-series.js';

const limits: ControlLimits = { center: 100, sigma: 2, ucl: 106, lcl: 94, mrBar: 2.256, mrUcl: 7.37 };
const key = { pipeline: 'sales', environment: 'dev', step: 'ingest', metric: 'rows:data/out.csv' };

function chart(values: number[], withLimits: boolean): ControlChart {
  return {
    key,
    baseline: 3,
    baselineSince: null,
    limitRuns: withLimits ? values.slice(0, 3).map((_, index) => `run-${index}`) : [],
    droppedRuns: [],
    reliability: 'provisional',
    limits: withLimits ? limits : null,
    points: values.map((value, index) => ({
      runId: `run-${index}`,
      recordedAt: 1000 + index,
      value,
      movingRange: index === 0 ? null : Math.abs(value - (values[index - 1] as number)),
      violations: value > 106 ? [1] : [],
    })),
  };
}

describe('chartRows', () => {
  it('numbers the runs from 1, marks the baseline and flags the points that break a rule', () => {
    const rows = chartRows(chart([100, 101, 99, 100, 120], true));
    expect(rows.map((row) => row.index)).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((row) => row.baseline)).toEqual([true, true, true, false, false]);
    expect(rows.map((row) => row.flagged)).toEqual([false, false, false, false, true]);
    expect(rows[4]).toMatchObject({ runId: 'run-4', value: 120, movingRange: 20, violations: [1] });
  });

  it('draws a baseline run Phase I left out as dropped, not as one more flagged point', () => {
    const shown = { ...chart([100, 130, 99, 100, 120], true), droppedRuns: ['run-1'] };
    const rows = chartRows(shown);
    expect(rows.map((row) => [row.dropped, row.flagged])).toEqual([
      [false, false],
      [true, false],
      [false, false],
      [false, false],
      [false, true],
    ]);
    expect(flaggedCount(shown)).toBe(1);
  });
});

describe('labelledLines', () => {
  it('labels the centre and the limits when they are apart on screen, never the zones', () => {
    expect([...labelledLines(limitLines(limits), [90, 110])]).toEqual(['ucl', 'center', 'lcl']);
  });

  it('labels only the centre when a far-off point squeezes the limits against it', () => {
    expect([...labelledLines(limitLines(limits), [-50_000, 150_000])]).toEqual(['center']);
  });
});

describe('limitLines', () => {
  it('draws UCL, the 2σ and 1σ zones, the centre and LCL from top to bottom', () => {
    const lines = limitLines(limits);
    expect(lines.map((line) => line.label)).toEqual(['UCL', '+2σ', '+1σ', 'CL', '−1σ', '−2σ', 'LCL']);
    expect(lines.map((line) => line.y)).toEqual([106, 104, 102, 100, 98, 96, 94]);
    expect(lines.filter((line) => line.kind === 'zone')).toHaveLength(4);
  });

  it('draws only the centre when the baseline did not vary at all', () => {
    expect(limitLines({ ...limits, sigma: 0, ucl: 100, lcl: 100 })).toEqual([
      { id: 'center', y: 100, label: 'CL', kind: 'center' },
    ]);
  });

  it('gives the moving-range chart its centre and upper limit', () => {
    expect(movingRangeLines(limits).map((line) => [line.id, line.y])).toEqual([
      ['mr-ucl', 7.37],
      ['mr-center', 2.256],
    ]);
  });
});

describe('valueDomain', () => {
  it('keeps every point and every limit in view, with a margin', () => {
    const [low, high] = valueDomain([100, 120], limitLines(limits));
    expect(low).toBeLessThan(94);
    expect(high).toBeGreaterThan(120);
  });

  it('opens a flat series around its value', () => {
    expect(valueDomain([50, 50], [])).toEqual([45, 55]);
    expect(valueDomain([0], [])).toEqual([-1, 1]);
    expect(valueDomain([], [])).toEqual([0, 1]);
  });
});

describe('niceTicks', () => {
  it('widens the range to round ticks', () => {
    expect(niceTicks([954.3, 1135.2])).toEqual({ domain: [950, 1150], ticks: [950, 1000, 1050, 1100, 1150] });
    expect(niceTicks([0, 126.4], 3)).toEqual({ domain: [0, 200], ticks: [0, 100, 200] });
  });

  it('keeps decimal steps free of floating-point drift', () => {
    expect(niceTicks([0.1, 0.7]).ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });

  it('leaves an empty range as it is', () => {
    expect(niceTicks([5, 5])).toEqual({ domain: [5, 5], ticks: [5, 5] });
  });
});

describe('baselineProgress', () => {
  it('says how many baseline runs there are until the limits are set', () => {
    expect(baselineProgress(chart([100, 101], false))).toEqual({ have: 2, need: 3 });
    expect(baselineProgress(chart([100, 101, 99], true))).toBeNull();
  });
});

describe('ruleTexts', () => {
  it('names each broken rule with its description, in order', () => {
    expect(ruleTexts([3, 1])).toEqual([
      'rule 1: a point beyond the 3-sigma limits',
      'rule 3: four of five points beyond 1 sigma on one side',
    ]);
  });
});
