// Comparing two runs: the runs picked in the history (at most two, oldest first once compared),
// and their comparison, shown as a table under the canvas and as marks on it.
import { createStore } from 'zustand/vanilla';
import type { RunComparison } from '../../../shared/journeys/journey-types.js';

export interface CompareViewState {
  /** Run ids ticked in the history, in the order ticked. */
  picked: string[];
  comparison: RunComparison | null;
  loading: boolean;
  error: string | null;
  /** The table shows only what differs (the default) or every row. */
  onlyDifferences: boolean;
}

export interface CompareViewActions {
  /** Ticks or unticks a run; a third tick replaces the first. */
  toggle(runId: string): void;
  setLoading(loading: boolean): void;
  setError(error: string | null): void;
  setComparison(comparison: RunComparison | null): void;
  setOnlyDifferences(only: boolean): void;
  /** Back to editing: nothing picked, nothing compared. */
  clear(): void;
}

export type CompareStore = ReturnType<typeof createCompareStore>;

export function createCompareStore() {
  return createStore<CompareViewState & CompareViewActions>()((set, get) => ({
    picked: [],
    comparison: null,
    loading: false,
    error: null,
    onlyDifferences: true,
    toggle: (runId) => {
      const { picked } = get();
      set({ picked: picked.includes(runId) ? picked.filter((id) => id !== runId) : [...picked, runId].slice(-2) });
    },
    setLoading: (loading) => set({ loading }),
    setError: (error) => set({ error }),
    setComparison: (comparison) => set({ comparison, error: null }),
    setOnlyDifferences: (onlyDifferences) => set({ onlyDifferences }),
    clear: () => set({ picked: [], comparison: null, error: null, loading: false }),
  }));
}
