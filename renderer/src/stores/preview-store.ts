// The file being looked at: which files the place it was opened from offers (a step's outputs,
// an edge's files, one input), which one is shown, the run it is checked against, and the answer.
import { createStore } from 'zustand/vanilla';
import type { PreviewAnswer } from '../../../shared/preview/preview-types.js';

export interface PreviewTarget {
  /** The files to switch between, workspace-relative. */
  paths: string[];
  path: string;
  /** The run shown on the canvas and the step that writes the file, when there is one. */
  run: { runId: string; stepId: string } | null;
}

/** The file's contents, or where it came from (its lineage). */
export type PreviewView = 'data' | 'lineage';

export interface PreviewViewState {
  target: PreviewTarget | null;
  view: PreviewView;
  answer: PreviewAnswer | null;
  loading: boolean;
  error: string | null;
}

export interface PreviewViewActions {
  show(target: PreviewTarget): void;
  setView(view: PreviewView): void;
  setAnswer(answer: PreviewAnswer): void;
  setError(error: string): void;
  close(): void;
}

export type PreviewStore = ReturnType<typeof createPreviewStore>;

export function createPreviewStore() {
  return createStore<PreviewViewState & PreviewViewActions>()((set) => ({
    target: null,
    view: 'data',
    answer: null,
    loading: false,
    error: null,
    show: (target) => set({ target, answer: null, loading: true, error: null }),
    setView: (view) => set({ view }),
    setAnswer: (answer) => set({ answer, loading: false, error: null }),
    setError: (error) => set({ error, loading: false, answer: null }),
    close: () => set({ target: null, view: 'data', answer: null, loading: false, error: null }),
  }));
}
