// What the Experiments view shows of a promotion going on, folded from its events: the phase
// (checkout, the gate runs, judging, merge, tag), the runs it started, and how it ended.
import type { PromotionEvent, PromotionOutcome } from '../../../shared/journeys/journey-types.js';

export type PromotionPhase = Extract<PromotionEvent, { type: 'phase' }>['phase'];

/** The phases shown in order; 'done' is the end, not a step of its own. */
export const PROMOTION_PHASES: ReadonlyArray<Exclude<PromotionPhase, 'done'>> = [
  'checkout',
  'run',
  'judge',
  'merge',
  'tag',
];

export const PHASE_LABEL: Record<Exclude<PromotionPhase, 'done'>, string> = {
  checkout: 'Check out',
  run: 'Run in test',
  judge: 'Judge the gate',
  merge: 'Merge',
  tag: 'Tag the release',
};

export interface PromotionProgress {
  branch: string;
  dryRun: boolean;
  phase: PromotionPhase | null;
  message: string | null;
  runs: Array<{ pipeline: string; runId: string }>;
  /** Null while it goes on. */
  outcome: PromotionOutcome | null;
  /** Why it could not even be judged (the request failed). */
  error: string | null;
}

export function startedPromotion(branch: string, dryRun: boolean): PromotionProgress {
  return { branch, dryRun, phase: null, message: null, runs: [], outcome: null, error: null };
}

export function applyPromotionEvent(progress: PromotionProgress, event: PromotionEvent): PromotionProgress {
  switch (event.type) {
    case 'phase':
      return { ...progress, phase: event.phase, message: event.message };
    case 'run-started':
      return progress.runs.some((run) => run.runId === event.runId)
        ? progress
        : { ...progress, runs: [...progress.runs, { pipeline: event.pipeline, runId: event.runId }] };
    case 'finished':
      return { ...progress, outcome: event.outcome, phase: 'done' };
  }
}

export function finishedPromotion(progress: PromotionProgress, outcome: PromotionOutcome): PromotionProgress {
  return { ...progress, outcome, phase: 'done' };
}

export function failedPromotion(progress: PromotionProgress, error: string): PromotionProgress {
  return { ...progress, error };
}

export type PhaseState = 'done' | 'active' | 'failed' | 'waiting' | 'skipped';

/**
 * Where a phase stands. After a failed gate (or a conflict) the phases from the failing one on
 * are failed then skipped; a dry run never merges or tags.
 */
export function promotionPhaseState(progress: PromotionProgress, phase: Exclude<PromotionPhase, 'done'>): PhaseState {
  const index = PROMOTION_PHASES.indexOf(phase);
  if (progress.dryRun && index > PROMOTION_PHASES.indexOf('judge')) return 'skipped';
  const result = progress.outcome?.result;
  if (result === 'promoted' || result === 'dry-run-passed') return 'done';
  if (result === 'up-to-date') return index === 0 ? 'done' : 'skipped';
  if (result === 'gate-failed' || result === 'conflict' || progress.error) {
    const failedAt =
      result === 'conflict'
        ? PROMOTION_PHASES.indexOf('merge')
        : result === 'gate-failed'
          ? PROMOTION_PHASES.indexOf('judge')
          : currentIndex(progress);
    if (index < failedAt) return 'done';
    return index === failedAt ? 'failed' : 'skipped';
  }
  const current = currentIndex(progress);
  if (index < current) return 'done';
  return index === current ? 'active' : 'waiting';
}

function currentIndex(progress: PromotionProgress): number {
  if (progress.phase === null) return 0;
  if (progress.phase === 'done') return PROMOTION_PHASES.length;
  return PROMOTION_PHASES.indexOf(progress.phase);
}
