import { describe, expect, it } from 'vitest';
import type {
  GateReport,
  PromotionEvent,
  PromotionOutcome,
  PromotionResult,
} from '../../../shared/journeys/journey-types.js';
import {
  PROMOTION_PHASES,
  applyPromotionEvent,
  failedPromotion,
  promotionPhaseState,
  startedPromotion,
} from './promotion-progress.js';
import type { PromotionProgress } from './promotion-progress.js';

const REPORT: GateReport = {
  passed: false,
  branch: 'wider',
  commit: 'abc',
  environment: 'test',
  runs: {},
  conditions: [],
  judgedAt: 1,
};

function outcome(result: PromotionResult): PromotionOutcome {
  return { result, report: REPORT, release: null, conflicts: [], message: result };
}

function fold(events: PromotionEvent[], dryRun = false): PromotionProgress {
  return events.reduce(applyPromotionEvent, startedPromotion('wider', dryRun));
}

const states = (progress: PromotionProgress) => PROMOTION_PHASES.map((phase) => promotionPhaseState(progress, phase));

describe('promotion progress', () => {
  it('follows the phases and lists each gate run once', () => {
    const progress = fold([
      { type: 'phase', branch: 'wider', phase: 'checkout', message: 'checking out' },
      { type: 'phase', branch: 'wider', phase: 'run', message: 'running sales in test' },
      { type: 'run-started', branch: 'wider', pipeline: 'sales', runId: 'r1' },
      { type: 'run-started', branch: 'wider', pipeline: 'sales', runId: 'r1' },
    ]);
    expect(progress.message).toBe('running sales in test');
    expect(progress.runs).toEqual([{ pipeline: 'sales', runId: 'r1' }]);
    expect(states(progress)).toEqual(['done', 'active', 'waiting', 'waiting', 'waiting']);
  });

  it('marks the judging failed and the rest skipped when the gate fails', () => {
    const progress = fold([
      { type: 'phase', branch: 'wider', phase: 'judge', message: '' },
      { type: 'finished', branch: 'wider', outcome: outcome('gate-failed') },
    ]);
    expect(progress.outcome?.result).toBe('gate-failed');
    expect(states(progress)).toEqual(['done', 'done', 'failed', 'skipped', 'skipped']);
  });

  it('marks the merge failed on a conflict, and everything done when promoted', () => {
    expect(states(fold([{ type: 'finished', branch: 'wider', outcome: outcome('conflict') }]))).toEqual([
      'done',
      'done',
      'done',
      'failed',
      'skipped',
    ]);
    expect(states(fold([{ type: 'finished', branch: 'wider', outcome: outcome('promoted') }]))).toEqual([
      'done',
      'done',
      'done',
      'done',
      'done',
    ]);
  });

  it('never merges or tags in a dry run', () => {
    const progress = fold([{ type: 'phase', branch: 'wider', phase: 'run', message: '' }], true);
    expect(states(progress)).toEqual(['done', 'active', 'waiting', 'skipped', 'skipped']);
    expect(states(fold([{ type: 'finished', branch: 'wider', outcome: outcome('dry-run-passed') }], true))).toEqual([
      'done',
      'done',
      'done',
      'skipped',
      'skipped',
    ]);
  });

  it('marks the phase it stopped in failed when the request itself fails', () => {
    const progress = failedPromotion(
      fold([{ type: 'phase', branch: 'wider', phase: 'run', message: '' }]),
      'no such branch',
    );
    expect(states(progress)).toEqual(['done', 'failed', 'skipped', 'skipped', 'skipped']);
  });
});
