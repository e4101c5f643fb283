// A step as a run in progress holds it: its record (as the store keeps it) plus what the
// scheduler needs. Plain conversions between the three shapes live here.
import { KEPT_ON_RESUME } from '../../../shared/run/run-types.js';
import type { RunStatus, StepRunSummary, TestResult } from '../../../shared/run/run-types.js';
import { moveStep } from '../../../shared/run/step-lifecycle.js';
import type { StepRow } from '../store/run-store.js';
import type { RunGraph } from './run-graph.js';

export interface StepState extends StepRow {
  tests: TestResult[];
  /** Upstream steps of this run that have not finished successfully yet. */
  waitingOn: number;
  position: number;
}

export function freshRow(id: string): StepRow {
  return {
    id,
    status: 'pending',
    cachedFrom: null,
    attempts: 0,
    exitCode: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    cacheKey: null,
    logPath: null,
    message: null,
    failure: null,
  };
}

/** The step's record as the store keeps it. */
export function stepRow(state: StepState): StepRow {
  return {
    id: state.id,
    status: state.status,
    cachedFrom: state.cachedFrom,
    attempts: state.attempts,
    exitCode: state.exitCode,
    startedAt: state.startedAt,
    finishedAt: state.finishedAt,
    durationMs: state.durationMs,
    cacheKey: state.cacheKey,
    logPath: state.logPath,
    message: state.message,
    failure: state.failure ?? null,
  };
}

/** The step as every front end sees it (no cache key: that is the engine's business). */
export function stepSummary(state: StepState): StepRunSummary {
  const { cacheKey: _cacheKey, ...row } = stepRow(state);
  return { ...row, cached: state.status === 'cached', tests: [...state.tests] };
}

/**
 * The steps of a run as it starts, in run order, and those ready to go; `previous` holds the rows
 * a resumed run left (empty for a new run).
 */
export function startingStates(
  steps: readonly string[],
  previous: ReadonlyMap<string, StepRow>,
  graph: RunGraph,
): { states: Map<string, StepState>; ready: StepState[] } {
  const states = new Map<string, StepState>();
  steps.forEach((id, position) => {
    const kept = previous.get(id);
    const keep = kept !== undefined && KEPT_ON_RESUME.has(kept.status);
    // A resume starts again what did not succeed: a move the lifecycle must allow.
    if (kept !== undefined && !keep && kept.status !== 'pending') moveStep(id, kept.status, 'pending');
    // A resumed step keeps counting attempts, so earlier attempts' logs and records stay.
    states.set(id, {
      ...(keep ? kept : { ...freshRow(id), attempts: kept?.attempts ?? 0 }),
      tests: [],
      waitingOn: 0,
      position,
    });
  });
  const ready: StepState[] = [];
  for (const state of states.values()) {
    if (KEPT_ON_RESUME.has(state.status)) continue;
    state.waitingOn = graph
      .upstream(state.id)
      .filter((up) => !KEPT_ON_RESUME.has(states.get(up)?.status ?? 'pending')).length;
    if (state.waitingOn === 0) ready.push(state);
  }
  return { states, ready };
}

/** How a run ended, from its steps: a fault fails it, a cancel cancels it, any step not done fails it. */
export function runStatusOf(states: readonly StepState[], faulted: boolean, stopReason: string | null): RunStatus {
  if (faulted) return 'failed';
  if (stopReason === 'cancelled') return 'cancelled';
  const statuses = states.map((state) => state.status);
  if (statuses.some((status) => status !== 'warned' && !KEPT_ON_RESUME.has(status))) return 'failed';
  return statuses.includes('warned') ? 'warned' : 'succeeded';
}
