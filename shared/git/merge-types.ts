// The shapes of a semantic pipeline merge, apart from the code that merges, so the merge's
// parts (paths, data, choices) can share them without a cycle.
export type ConflictKind = 'both-changed' | 'deleted-and-changed' | 'both-added' | 'unreadable';

export interface MergeConflict {
  /** The path joined with "/", e.g. "steps/clean/run"; "" for a whole-file conflict. */
  id: string;
  path: string[];
  /** The step id when the conflict is inside (or is) a step. */
  step: string | null;
  /** The step field, param name or top-level field concerned. */
  field: string | null;
  kind: ConflictKind;
  /** undefined = absent on that side. For an 'unreadable' conflict: each side's text (base null when there is none). */
  base: unknown;
  ours: unknown;
  theirs: unknown;
}

export interface PipelineMerge {
  /** The merged data, every conflict provisionally taken from ours. */
  data: unknown;
  /** Our text patched to `data`, keeping our comments and formatting. */
  text: string;
  conflicts: MergeConflict[];
}

/** For an 'unreadable' conflict a chosen value is the whole file's text. */
export type ConflictChoice = { pick: 'ours' } | { pick: 'theirs' } | { pick: 'value'; value: unknown };
