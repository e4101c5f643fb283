// The open pipeline as the canvas edits it: the draft data and node positions, with selection,
// undo/redo history, the unsaved marker (the draft against what was last saved), live problems and what is known of the file on disk.
import { createStore } from 'zustand/vanilla';
import type { PipelineAtCommit, PipelineDocument } from '../../../shared/ipc/contract.js';
import type { NodePosition, PipelineLayout } from '../../../shared/pipeline/layout.js';
import type { Problem } from '../../../shared/pipeline/problem.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import { layoutOfSteps } from '../../../shared/pipeline/layout.js';
import { isDeepStrictEqual } from '../../../shared/yaml/deep-equal.js';

export interface Snapshot {
  /** Null while no pipeline is loaded (or its file does not validate). */
  draft: PipelineDraft | null;
  positions: Record<string, NodePosition>;
}

export interface OpenDocument {
  name: string;
  file: string;
  /** The file text and its hash as last read from or written to disk. */
  text: string;
  hash: string;
}

export interface EditorState {
  doc: OpenDocument | null;
  draft: PipelineDraft | null;
  positions: Record<string, NodePosition>;
  /** Why the pipeline cannot be edited on the canvas (its file is not valid), if so. */
  readOnly: string | null;
  problems: Problem[];
  /** The draft `problems` were found for: the one loaded (by the node layer), or the one last checked here. */
  problemsOf: PipelineDraft | null;
  selection: string[];
  /**
   * The field the inspector should bring into view: a problem clicked (its input is focused),
   * a changed field while comparing or a failed test (shown, the keyboard stays where it was).
   */
  focus: {
    stepId: string | null;
    path: ReadonlyArray<string | number>;
    reason?: 'problem' | 'compare' | 'test';
  } | null;
  /** The draft or a step's position differs from the saved document (undoing back to it clears this). */
  dirty: boolean;
  past: Snapshot[];
  future: Snapshot[];
  /** The file changed on disk (hash null: deleted) while open here. */
  diskChange: { hash: string | null } | null;
  /** Bumped when a layout must be computed for nodes without a position. */
  layoutRequest: number;
  /** The pipeline shown is its version at a commit, read-only. */
  viewing: { ref: string; commit: string } | null;
  /** Diff mode: the canvas marks what changed since this version of the pipeline. */
  compare: CompareBase | null;
}

export interface CompareBase {
  /** What the user picked (a branch, tag or commit) and the commit it named. */
  ref: string;
  commit: string;
  /** The pipeline at that version; null when it did not exist there. */
  base: PipelineDraft | null;
  positions: Record<string, NodePosition>;
}

export interface EditorActions {
  load(document: PipelineDocument): void;
  close(): void;
  /** One undoable edit. Edits with the same coalesce key within a second merge (typing). */
  edit(change: (draft: PipelineDraft) => PipelineDraft, coalesce?: string): void;
  setPositions(positions: Record<string, NodePosition>, undoable?: boolean): void;
  select(ids: string[]): void;
  setFocus(focus: EditorState['focus']): void;
  undo(): void;
  redo(): void;
  /** Puts back edits kept from an earlier session (a draft), as one undoable change. */
  restore(edits: Snapshot): void;
  /** `what` is the draft and positions that were written; edits made while saving stay unsaved. */
  saved(text: string, hash: string, what?: Snapshot): void;
  setProblems(problems: Problem[], of: PipelineDraft | null): void;
  setDiskChange(change: EditorState['diskChange']): void;
  requestLayout(): void;
  layout(): PipelineLayout;
  /** Opens a pipeline's version at a commit, read-only. */
  view(document: PipelineAtCommit, ref: string): void;
  /** While the pipeline has unresolved merge conflicts, the canvas must not change it. */
  lockForMerge(locked: boolean): void;
  setCompare(compare: CompareBase | null): void;
}

export type EditorStore = ReturnType<typeof createEditorStore>;

const HISTORY_LIMIT = 200;
const MERGE_LOCK =
  'it has merge conflicts: pick a side for each in the Git view (the canvas edits it again once they are resolved)';
const COALESCE_MS = 1000;

const INITIAL: EditorState = {
  doc: null,
  draft: null,
  positions: {},
  readOnly: null,
  problems: [],
  problemsOf: null,
  selection: [],
  focus: null,
  dirty: false,
  past: [],
  future: [],
  diskChange: null,
  layoutRequest: 0,
  viewing: null,
  compare: null,
};

export function createEditorStore() {
  let lastCoalesce: { key: string; at: number } | null = null;
  /** The pipeline as last loaded or saved; positions laid out automatically count as saved. */
  let saved: Snapshot | null = null;

  return createStore<EditorState & EditorActions>()((set, get) => {
    const snapshot = (): Snapshot => ({ draft: get().draft, positions: get().positions });
    // Unchanged subtrees are shared with the saved draft, so this walks only the edited path.
    const differsFromSaved = (draft: PipelineDraft | null, positions: Record<string, NodePosition>): boolean => {
      if (!saved || !draft) return draft !== null;
      if (!isDeepStrictEqual(draft, saved.draft)) return true;
      const base = saved.positions;
      // A step without a position (undone past the automatic layout) has not moved.
      return Object.keys(draft.steps ?? {}).some(
        (id) => positions[id] !== undefined && !isDeepStrictEqual(positions[id], base[id]),
      );
    };
    const pushHistory = (coalesce?: string) => {
      const now = Date.now();
      const merge = coalesce !== undefined && lastCoalesce?.key === coalesce && now - lastCoalesce.at < COALESCE_MS;
      lastCoalesce = coalesce !== undefined ? { key: coalesce, at: now } : null;
      if (merge) return get().past;
      return [...get().past, snapshot()].slice(-HISTORY_LIMIT);
    };

    return {
      ...INITIAL,
      load: (document) => {
        lastCoalesce = null;
        // cast: the node layer sends a pipeline's data only when it validates, as written in the file
        // (before the schema's coercions, so an edit keeps `run: 42` as the user wrote it)
        const draft = document.data as PipelineDraft | null;
        saved = { draft, positions: document.layout.positions };
        const unpositioned =
          draft !== null && Object.keys(draft.steps ?? {}).some((id) => !document.layout.positions[id]);
        set({
          ...INITIAL,
          doc: { name: document.name, file: document.file, text: document.text, hash: document.hash },
          draft,
          positions: document.layout.positions,
          readOnly:
            document.data === null
              ? 'the file has errors the canvas cannot show; fix them in the file and it reloads'
              : null,
          problems: document.problems,
          problemsOf: draft,
          layoutRequest: unpositioned ? get().layoutRequest + 1 : get().layoutRequest,
        });
      },
      close: () => {
        saved = null;
        set({ ...INITIAL });
      },
      view: (document, ref) => {
        get().load({ ...document, hash: `commit:${document.commit}` });
        set({
          viewing: { ref, commit: document.commit },
          readOnly: `this is ${document.file} at ${ref} (${document.commit.slice(0, 7)}), read-only`,
        });
      },
      setCompare: (compare) => set({ compare }),
      lockForMerge: (locked) => {
        const { readOnly, viewing } = get();
        if (viewing) return;
        if (locked && readOnly === null) set({ readOnly: MERGE_LOCK });
        else if (!locked && readOnly === MERGE_LOCK) set({ readOnly: null });
      },
      edit: (change, coalesce) => {
        const { draft, readOnly } = get();
        if (!draft || readOnly) return;
        const next = change(draft);
        if (next === draft) return;
        set({ past: pushHistory(coalesce), future: [], draft: next, dirty: differsFromSaved(next, get().positions) });
      },
      setPositions: (positions, undoable = true) => {
        if (!get().draft) return;
        const next = { ...get().positions, ...positions };
        if (undoable)
          return set({ past: pushHistory(), future: [], positions: next, dirty: differsFromSaved(get().draft, next) });
        // Placed by the studio (auto-layout, a dropped step): where the saved file had no position, it becomes the baseline.
        if (saved) {
          const base = saved.positions;
          const fresh = Object.entries(positions).filter(([id]) => !base[id]);
          if (fresh.length > 0) saved = { ...saved, positions: { ...base, ...Object.fromEntries(fresh) } };
        }
        set({ positions: next });
      },
      select: (ids) => set({ selection: ids }),
      setFocus: (focus) => set({ focus }),
      undo: () => {
        const { past, future } = get();
        const previous = past[past.length - 1];
        if (!previous) return;
        lastCoalesce = null;
        set({
          ...previous,
          past: past.slice(0, -1),
          future: [snapshot(), ...future],
          dirty: differsFromSaved(previous.draft, previous.positions),
        });
      },
      redo: () => {
        const { past, future } = get();
        const next = future[0];
        if (!next) return;
        lastCoalesce = null;
        set({
          ...next,
          past: [...past, snapshot()],
          future: future.slice(1),
          dirty: differsFromSaved(next.draft, next.positions),
        });
      },
      restore: (edits) => {
        if (!get().draft || get().readOnly) return;
        lastCoalesce = null;
        set({
          past: pushHistory(),
          future: [],
          draft: edits.draft,
          positions: edits.positions,
          dirty: differsFromSaved(edits.draft, edits.positions),
        });
      },
      saved: (text, hash, what) => {
        const doc = get().doc;
        if (!doc) return;
        const written = what ?? snapshot();
        // Positions the studio placed while the save was on its way (an automatic layout) were
        // already counted as saved, and stay so.
        saved = { draft: written.draft, positions: { ...saved?.positions, ...written.positions } };
        set({ doc: { ...doc, text, hash }, dirty: differsFromSaved(get().draft, get().positions), diskChange: null });
      },
      setProblems: (problems, of) => set({ problems, problemsOf: of }),
      setDiskChange: (diskChange) => set({ diskChange }),
      requestLayout: () => set({ layoutRequest: get().layoutRequest + 1 }),
      layout: () => layoutOfSteps({ version: 1, positions: get().positions }, Object.keys(get().draft?.steps ?? {})),
    };
  });
}
