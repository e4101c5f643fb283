// The life of a step in a run, as one state machine: every status a step can have and every
// change between them, in one place. The engine moves a step only through `moveStep`, so a
// path that would leave a step pending forever or revive a finished one fails loudly instead
// of writing a record nobody can trust.
import type { StepStatus } from './run-types.js';
import { STEP_STATUSES } from './run-types.js';

/**
 * From each status, the statuses a step may move to.
 * - pending: waits for its upstream; it may fail or be skipped, cancelled before it starts.
 * - running: from the first check of its inputs to its verdict, across every attempt and retry
 *   (running -> running is a new attempt or a note, such as "retrying").
 * - succeeded, warned, cached: done for good; a resume keeps them.
 * - failed, skipped, cancelled, interrupted: final for this execution; a resume starts them again.
 * - skipped-condition: its `when:` was false, or a step it needs was skipped so; final for good
 *   (the run's params decide it, and a resume keeps them).
 */
export const STEP_TRANSITIONS: Readonly<Record<StepStatus, readonly StepStatus[]>> = {
  pending: ['running', 'failed', 'skipped', 'cancelled', 'skipped-condition'],
  running: ['running', 'succeeded', 'warned', 'cached', 'failed', 'cancelled', 'interrupted'],
  succeeded: [],
  warned: [],
  cached: [],
  'skipped-condition': [],
  failed: ['pending'],
  skipped: ['pending'],
  cancelled: ['pending'],
  interrupted: ['pending'],
};

export function canMoveStep(from: StepStatus, to: StepStatus): boolean {
  return STEP_TRANSITIONS[from].includes(to);
}

/** The statuses from which a step may move to `to` (the store's bulk updates use them). */
export function statusesLeadingTo(to: StepStatus): StepStatus[] {
  return STEP_STATUSES.filter((from) => canMoveStep(from, to));
}

/** A change the lifecycle does not allow: a bug in the engine, never a user's mistake. */
export class IllegalStepTransition extends Error {
  constructor(
    readonly stepId: string,
    readonly from: StepStatus,
    readonly to: StepStatus,
  ) {
    super(`step "${stepId}" cannot go from ${from} to ${to}`);
  }
}

/** The status after the move; throws IllegalStepTransition for a move the lifecycle forbids. */
export function moveStep(stepId: string, from: StepStatus, to: StepStatus): StepStatus {
  if (!canMoveStep(from, to)) throw new IllegalStepTransition(stepId, from, to);
  return to;
}
