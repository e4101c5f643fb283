import { describe, expect, it } from 'vitest';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import { alertSeries, newestFirst, openAlerts, openAlertsByPipeline, relativeTime, toastTitle } from './alert-list.js';

function alert(id: number, overrides: Partial<Alert> = {}): Alert {
  return {
    id,
    kind: 'out-of-control',
    pipeline: 'sales',
    environment: 'dev',
    runId: `run-${id}`,
    step: 'ingest',
    metric: 'rows:data/out.csv',
    rules: [1],
    value: 140,
    message: 'rows of data/out.csv is 140, above the UCL 104',
    createdAt: 1000 * id,
    acknowledgedAt: null,
    repeats: 1,
    lastSeenAt: 1000 * id,
    lastRunId: `run-${id}`,
    ...overrides,
  };
}

describe('alert lists', () => {
  it('puts the newest first and counts the open ones per pipeline', () => {
    const alerts = [alert(1), alert(3, { pipeline: 'orders' }), alert(2, { acknowledgedAt: 5000 })];
    expect(newestFirst(alerts).map((item) => item.id)).toEqual([3, 2, 1]);
    expect(openAlerts(alerts).map((item) => item.id)).toEqual([1, 3]);
    expect(openAlertsByPipeline(alerts)).toEqual({ sales: 1, orders: 1 });
  });

  it('finds the chart of an out-of-control metric and of a failed data test', () => {
    expect(alertSeries(alert(1))).toEqual({ step: 'ingest', metric: 'rows:data/out.csv' });
    expect(alertSeries(alert(2, { kind: 'test-failed', metric: 'rows in range' }))).toEqual({
      step: 'ingest',
      metric: 'test:rows in range',
    });
    expect(alertSeries(alert(3, { step: null }))).toBeNull();
  });

  it('says when, in words', () => {
    const now = 10_000_000;
    expect(relativeTime(now - 10_000, now)).toBe('just now');
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago');
    expect(relativeTime(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(relativeTime(now + 5000, now)).toBe('just now');
  });

  it('titles the toast of what a run raised by its newest alert, and how many more', () => {
    expect(toastTitle([alert(1), alert(2, { kind: 'test-failed', pipeline: 'orders' })])).toBe(
      'Test failed in orders (and 1 more)',
    );
    expect(toastTitle([alert(1)])).toBe('Out of control in sales');
    expect(toastTitle([])).toBe('');
  });
});
