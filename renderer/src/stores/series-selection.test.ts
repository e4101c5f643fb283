import { describe, expect, it } from 'vitest';
import type { MetricSummary } from '../../../shared/monitoring/monitoring-types.js';
import { pickSeries, sameSeries, seriesState } from './series-selection.js';

const limits = { center: 10, sigma: 1, ucl: 13, lcl: 7, mrBar: 1.128, mrUcl: 3.69 };

function summary(step: string, metric: string, overrides: Partial<MetricSummary> = {}): MetricSummary {
  return {
    key: { pipeline: 'sales', environment: 'dev', step, metric },
    points: 6,
    latest: { runId: 'r6', recordedAt: 6, value: 10 },
    limits,
    violations: [],
    limitPoints: 6,
    reliability: 'provisional',
    ...overrides,
  };
}

describe('pickSeries', () => {
  const metrics = [
    summary('ingest', 'duration_ms'),
    summary('ingest', 'rows:out.csv', { violations: [1] }),
    summary('report', 'duration_ms'),
  ];

  it('keeps the chosen series while it exists', () => {
    expect(pickSeries(metrics, { step: 'report', metric: 'duration_ms' })).toEqual({
      step: 'report',
      metric: 'duration_ms',
    });
  });

  it('otherwise shows the first series out of control, then the first of all', () => {
    expect(pickSeries(metrics, { step: 'gone', metric: 'duration_ms' })).toEqual({
      step: 'ingest',
      metric: 'rows:out.csv',
    });
    expect(pickSeries([summary('a', 'x'), summary('b', 'y')], null)).toEqual({ step: 'a', metric: 'x' });
    expect(pickSeries([], null)).toBeNull();
  });

  it('compares series by step and metric', () => {
    expect(sameSeries({ step: 'a', metric: 'x' }, { step: 'a', metric: 'x' })).toBe(true);
    expect(sameSeries({ step: 'a', metric: 'x' }, null)).toBe(false);
  });
});

describe('seriesState', () => {
  it('tells a series still filling its baseline from one in or out of control', () => {
    expect(seriesState(summary('a', 'x', { limits: null }))).toBe('baseline');
    expect(seriesState(summary('a', 'x', { violations: [2] }))).toBe('out-of-control');
    expect(seriesState(summary('a', 'x'))).toBe('in-control');
  });
});
