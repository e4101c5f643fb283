// The innovation journey as the Experiments view shows it: every experiment branch with its
// gate judged in the test environment, the promotions going on or just finished, and the
// environments being made for branches.
import { createStore } from 'zustand/vanilla';
import type { ExperimentOverview, PromotionEvent, PromotionOutcome } from '../../../shared/journeys/journey-types.js';
import { applyPromotionEvent, failedPromotion, finishedPromotion, startedPromotion } from './promotion-progress.js';
import type { PromotionProgress } from './promotion-progress.js';

export interface BranchEnvironmentAction {
  action: 'up' | 'down';
  /** The copy's name (`test~feature-x`): its progress events carry it. */
  environment: string | null;
}

export interface ExperimentsViewState {
  /** Null until first loaded. */
  experiments: ExperimentOverview[] | null;
  loading: boolean;
  error: string | null;
  /** By branch: the promotion going on, or the last one finished while the view was open. */
  promotions: Record<string, PromotionProgress>;
  /** By branch: its environment being brought up (with its name once known) or torn down. */
  branchEnvironments: Record<string, BranchEnvironmentAction>;
}

export interface ExperimentsViewActions {
  setLoading(loading: boolean): void;
  setError(error: string | null): void;
  setExperiments(experiments: ExperimentOverview[]): void;
  beginPromotion(branch: string, dryRun: boolean): void;
  handlePromotion(event: PromotionEvent): void;
  finishPromotion(branch: string, outcome: PromotionOutcome): void;
  failPromotion(branch: string, error: string): void;
  dismissPromotion(branch: string): void;
  setBranchEnvironment(branch: string, action: BranchEnvironmentAction | null): void;
}

export type ExperimentsStore = ReturnType<typeof createExperimentsStore>;

export function createExperimentsStore() {
  return createStore<ExperimentsViewState & ExperimentsViewActions>()((set, get) => {
    const update = (branch: string, change: (progress: PromotionProgress) => PromotionProgress) => {
      const current = get().promotions[branch];
      if (current) set({ promotions: { ...get().promotions, [branch]: change(current) } });
    };
    return {
      experiments: null,
      loading: false,
      error: null,
      promotions: {},
      branchEnvironments: {},
      setLoading: (loading) => set({ loading }),
      setError: (error) => set({ error }),
      setExperiments: (experiments) => set({ experiments, error: null }),
      beginPromotion: (branch, dryRun) =>
        set({ promotions: { ...get().promotions, [branch]: startedPromotion(branch, dryRun) } }),
      // Events of a promotion started elsewhere (another window, the CLI's studio) are ignored:
      // the list shows its outcome when it is refreshed.
      handlePromotion: (event) => update(event.branch, (progress) => applyPromotionEvent(progress, event)),
      finishPromotion: (branch, outcome) => update(branch, (progress) => finishedPromotion(progress, outcome)),
      failPromotion: (branch, error) => update(branch, (progress) => failedPromotion(progress, error)),
      dismissPromotion: (branch) => {
        const { [branch]: _dismissed, ...rest } = get().promotions;
        set({ promotions: rest });
      },
      setBranchEnvironment: (branch, action) => {
        const { [branch]: _previous, ...rest } = get().branchEnvironments;
        set({ branchEnvironments: action ? { ...rest, [branch]: action } : rest });
      },
    };
  });
}
