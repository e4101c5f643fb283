// The workspace's repository as the Git view shows it: status, experiments (branches), tags,
// history, a pending decision about uncommitted work, and the choices made for conflicts.
import { createStore } from 'zustand/vanilla';
import type { ConflictChoice } from '../../../shared/git/pipeline-merge.js';
import type {
  BranchInfo,
  CommitFileChange,
  CommitInfo,
  DirtyWork,
  GitOverview,
  TagInfo,
} from '../../../shared/git/repository-types.js';

/** A switch, new experiment or merge that met uncommitted work: the user decides. */
export interface PendingDecision {
  action: 'switch' | 'merge';
  target: string;
  dirty: DirtyWork;
}

export interface GitViewState {
  overview: GitOverview | null;
  branches: BranchInfo[];
  tags: TagInfo[];
  history: CommitInfo[];
  historyScope: 'workspace' | 'pipeline';
  commitFiles: Record<string, CommitFileChange[]>;
  decision: PendingDecision | null;
  /** An abort that would discard files edited during the merge: the user confirms first. */
  abortDecision: { edited: string[] } | null;
  /** Conflict choices not yet applied, by file path and conflict id. */
  choices: Record<string, Record<string, ConflictChoice>>;
  busy: boolean;
}

export interface GitViewActions {
  set(partial: Partial<GitViewState>): void;
  choose(path: string, id: string, choice: ConflictChoice): void;
  clearChoices(path: string): void;
}

export type GitStore = ReturnType<typeof createGitStore>;

export function createGitStore() {
  return createStore<GitViewState & GitViewActions>()((set, get) => ({
    overview: null,
    branches: [],
    tags: [],
    history: [],
    historyScope: 'workspace',
    commitFiles: {},
    decision: null,
    abortDecision: null,
    choices: {},
    busy: false,
    set: (partial) => set(partial),
    choose: (path, id, choice) =>
      set({ choices: { ...get().choices, [path]: { ...get().choices[path], [id]: choice } } }),
    clearChoices: (path) => {
      const { [path]: _cleared, ...rest } = get().choices;
      set({ choices: rest });
    },
  }));
}
