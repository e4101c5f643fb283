import { describe, expect, it } from 'vitest';
import type { Alert, MetricSummary } from '../../../shared/monitoring/monitoring-types.js';
import type { MonitorOverview } from '../../../shared/journeys/journey-types.js';
import type { ControlLimits } from '../../../shared/spc/individuals-chart.js';
import { spcSummary } from './spc-summary.js';

const LIMITS: ControlLimits = { center: 10, sigma: 1, ucl: 13, lcl: 7, mrBar: 1, mrUcl: 3.27 };

function series(
  metric: string,
  limits: ControlLimits | null,
  violations: MetricSummary['violations'] = [],
): MetricSummary {
  return {
    key: { pipeline: 'sales', environment: 'prod', step: 'load', metric },
    points: 6,
    latest: { runId: 'r', recordedAt: 1, value: 10 },
    limits,
    violations,
    limitPoints: 6,
    reliability: 'provisional',
  };
}

function alert(id: number, acknowledgedAt: number | null): Alert {
  return {
    id,
    kind: 'out-of-control',
    pipeline: 'sales',
    environment: 'prod',
    runId: 'r',
    step: 'load',
    metric: 'duration_ms',
    rules: [1],
    value: 20,
    message: 'm',
    createdAt: 1,
    acknowledgedAt,
    repeats: 1,
    lastSeenAt: 1,
    lastRunId: 'r',
  };
}

function overview(metrics: MetricSummary[], alerts: Alert[] = []): MonitorOverview {
  return { pipeline: 'sales', environment: 'prod', baseline: 5, runs: [], metrics, alerts };
}

describe('spcSummary', () => {
  it('is out of control when any series is, counting them and the open alerts', () => {
    const summary = spcSummary(
      overview([series('a', LIMITS), series('b', LIMITS, [1]), series('c', null)], [alert(1, null), alert(2, 5)]),
    );
    expect(summary).toEqual({ state: 'out-of-control', outOfControl: 1, series: 3, openAlerts: 1 });
  });

  it('is in control once one series has limits and none is out of control', () => {
    expect(spcSummary(overview([series('a', LIMITS), series('b', null)])).state).toBe('in-control');
  });

  it('is filling its baseline while every series is, and says when there is nothing to judge', () => {
    expect(spcSummary(overview([series('a', null)])).state).toBe('baseline');
    expect(spcSummary(overview([])).state).toBe('no-metrics');
  });
});
