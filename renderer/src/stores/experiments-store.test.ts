import { describe, expect, it } from 'vitest';
import type { GateReport, PromotionOutcome } from '../../../shared/journeys/journey-types.js';
import { createExperimentsStore } from './experiments-store.js';

const REPORT: GateReport = {
  passed: true,
  branch: 'wider',
  commit: 'abc',
  environment: 'test',
  runs: {},
  conditions: [],
  judgedAt: 1,
};
const PROMOTED: PromotionOutcome = {
  result: 'promoted',
  report: REPORT,
  release: null,
  conflicts: [],
  message: 'promoted',
};

describe('the experiments store', () => {
  it('follows the promotion it began, and ignores events of one it did not', () => {
    const store = createExperimentsStore();
    store.getState().beginPromotion('wider', false);
    store.getState().handlePromotion({ type: 'phase', branch: 'wider', phase: 'run', message: 'running sales' });
    store.getState().handlePromotion({ type: 'phase', branch: 'other', phase: 'run', message: 'running sales' });
    expect(store.getState().promotions.wider).toMatchObject({ phase: 'run', message: 'running sales', outcome: null });
    expect(store.getState().promotions.other).toBeUndefined();
    store.getState().finishPromotion('wider', PROMOTED);
    expect(store.getState().promotions.wider).toMatchObject({ phase: 'done', outcome: PROMOTED });
    store.getState().dismissPromotion('wider');
    expect(store.getState().promotions).toEqual({});
  });

  it('keeps the reason a promotion could not be asked for', () => {
    const store = createExperimentsStore();
    store.getState().beginPromotion('wider', true);
    store.getState().failPromotion('wider', 'there is no branch "wider"');
    expect(store.getState().promotions.wider).toMatchObject({
      dryRun: true,
      error: 'there is no branch "wider"',
      outcome: null,
    });
  });

  it('tracks a branch environment being made, with its name once known, until it is done', () => {
    const store = createExperimentsStore();
    store.getState().setBranchEnvironment('wider', { action: 'up', environment: null });
    store.getState().setBranchEnvironment('wider', { action: 'up', environment: 'test~wider' });
    expect(store.getState().branchEnvironments).toEqual({ wider: { action: 'up', environment: 'test~wider' } });
    store.getState().setBranchEnvironment('wider', null);
    expect(store.getState().branchEnvironments).toEqual({});
  });
});
