// A production pipeline's health in one word, from its Monitor overview: out of control when
// any series is, filling its baseline while every series still is, else in control; with the
// open alerts of that pipeline in that environment.
import type { MonitorOverview } from '../../../shared/journeys/journey-types.js';
import { seriesState } from './series-selection.js';

export type SpcState = 'in-control' | 'out-of-control' | 'baseline' | 'no-metrics';

export interface SpcSummary {
  state: SpcState;
  /** Series out of control now. */
  outOfControl: number;
  series: number;
  openAlerts: number;
}

export function spcSummary(overview: MonitorOverview): SpcSummary {
  const states = overview.metrics.map(seriesState);
  const outOfControl = states.filter((state) => state === 'out-of-control').length;
  const openAlerts = overview.alerts.filter((alert) => alert.acknowledgedAt === null).length;
  const state: SpcState =
    states.length === 0
      ? 'no-metrics'
      : outOfControl > 0
        ? 'out-of-control'
        : states.every((candidate) => candidate === 'baseline')
          ? 'baseline'
          : 'in-control';
  return { state, outOfControl, series: states.length, openAlerts };
}
