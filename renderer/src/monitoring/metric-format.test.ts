import { describe, expect, it } from 'vitest';
import { formatMetricValue, formatTick, metricLabel, seriesId } from './metric-format.js';

describe('metric names and values', () => {
  it('reads the built-in metric names in words and names a metrics file key with its file', () => {
    expect(metricLabel('duration_ms')).toBe('duration');
    expect(metricLabel('rows:data/out.csv')).toBe('rows of data/out.csv');
    expect(metricLabel('test:rows in range')).toBe('test “rows in range”');
    expect(metricLabel('metrics/report.json:totals.amount')).toBe('totals.amount (metrics/report.json)');
    expect(metricLabel('metrics/train.json:auc')).not.toBe(metricLabel('metrics/eval.json:auc'));
  });

  it('shows a duration as a duration and other values as numbers', () => {
    expect(formatMetricValue('duration_ms', 1500)).toBe('1.50s');
    expect(formatMetricValue('rows:a.csv', 12345)).toBe('12,345');
    expect(formatMetricValue('x', 0.123456)).toBe('0.1235');
    expect(formatMetricValue('x', 95140.4)).toBe('95,140.4');
    expect(formatTick('rows:a.csv', 1_250_000)).toBe('1.25M');
    expect(formatTick('rows:a.csv', 99.87654)).toBe('99.88');
  });

  it('tells series apart even when a step id could run into a metric name', () => {
    expect(seriesId({ step: 'a', metric: 'b:c' })).not.toBe(seriesId({ step: 'a:b', metric: 'c' }));
  });
});
