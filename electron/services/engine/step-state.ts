// A step as a run in progress holds it: its record (as the store keeps it) plus what the
// scheduler needs. Plain conversions between the three shapes live here.
import type { StepRunSummary, TestResult } from '../../../shared/run/run-types.js';
import type { StepRow } from '../store/run-store.js';

export interface StepState extends StepRow {
  tests: TestResult[];
  /** Upstream steps of this run that have not finished successfully yet. */
  waitingOn: number;
  position: number;
}

export function freshRow(id: string): StepRow {
  return {
    id, status: 'pending', cachedFrom: null, attempts: 0, exitCode: null, startedAt: null, finishedAt: null,
    durationMs: null, cacheKey: null, logPath: null, message: null, failure: null,
  };
}

/** The step's record as the store keeps it. */
export function stepRow(state: StepState): StepRow {
  return {
    id: state.id, status: state.status, cachedFrom: state.cachedFrom, attempts: state.attempts, exitCode: state.exitCode,
    startedAt: state.startedAt, finishedAt: state.finishedAt, durationMs: state.durationMs, cacheKey: state.cacheKey,
    logPath: state.logPath, message: state.message, failure: state.failure ?? null,
  };
}

/** The step as every front end sees it (no cache key: that is the engine's business). */
export function stepSummary(state: StepState): StepRunSummary {
  const { cacheKey: _cacheKey, ...row } = stepRow(state);
  return { ...row, cached: state.status === 'cached', tests: [...state.tests] };
}
