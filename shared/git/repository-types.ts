// The workspace's git repository as every layer sees it: what changed, commits, branches
// ("experiments"), tags, and a merge in progress. Paths are relative to the repository root.
import type { PipelineDiff } from './diff-types.js';
import type { ConflictChoice, MergeConflict } from './merge-types.js';
import type { RunStatus } from '../run/run-types.js';

/** How a file differs: between HEAD and the index (staged) or the index and the folder (unstaged). */
export type FileChangeKind = 'added' | 'modified' | 'deleted' | 'untracked';

export interface FileChange {
  path: string;
  staged: FileChangeKind | null;
  unstaged: FileChangeKind | null;
  /** Unmerged in the index: both sides of a merge changed it. */
  conflicted: boolean;
}

export interface GitStatus {
  /** The current branch, or null when HEAD is detached. */
  branch: string | null;
  /** The commit HEAD points at; null in a repository without commits yet. */
  head: string | null;
  files: FileChange[];
  merge: MergeSummary | null;
}

export interface CommitInfo {
  oid: string;
  message: string;
  author: { name: string; email: string };
  /** Milliseconds since the epoch. */
  time: number;
  parents: string[];
}

export interface RunMark {
  status: RunStatus;
  pipeline: string;
  createdAt: string;
}

export interface BranchInfo {
  name: string;
  current: boolean;
  commit: CommitInfo | null;
  /** The latest run made while this branch was checked out. */
  lastRun: RunMark | null;
}

export interface TagInfo {
  name: string;
  oid: string;
}

/** A file both sides of the merge changed in ways that do not merge on their own. */
export interface FileConflict {
  path: string;
  /** pipeline: field-level conflicts to pick; text: conflict markers in the file; binary and deleted: pick a side. */
  kind: 'pipeline' | 'text' | 'binary' | 'deleted';
  resolved: boolean;
  /** For pipeline files: the conflicts per step and field. */
  conflicts: MergeConflict[];
  /** For deleted: which side deleted the file. */
  deletedBy: 'ours' | 'theirs' | null;
}

export interface MergeSummary {
  /** The branch (or commit) being merged in, and the one receiving it. */
  theirs: string;
  ours: string;
  conflicts: FileConflict[];
  /** False when the merge was started outside Pipewright: git's own tools must finish it. */
  managed: boolean;
}

export type FileResolution =
  { path: string; pick: 'ours' | 'theirs' | 'working' } | { path: string; choices: Record<string, ConflictChoice> };

/** What a switch or merge would do to uncommitted work. */
export interface DirtyWork {
  /** Files with uncommitted changes that the operation leaves as they are (carried over). */
  carried: string[];
  /** Files with uncommitted changes that the operation would have to overwrite. */
  blocking: string[];
  /** Changes staged in the index (a merge requires none, as in git). */
  staged: string[];
}

/** A switch that met uncommitted work it would carry over asks first: switched is then false. */
export interface SwitchOutcome {
  switched: boolean;
  dirty: DirtyWork;
}

/** An abort that would discard edits made during the merge asks first: aborted is then false, with the edited files. */
export type AbortOutcome = { aborted: true } | { aborted: false; edited: string[] };

export type MergeOutcome =
  | { result: 'up-to-date' }
  | { result: 'fast-forward'; commit: string }
  | { result: 'merged'; commit: string }
  | { result: 'conflicts'; conflicts: number }
  | { result: 'needs-decision'; dirty: DirtyWork };

export interface PipelineFileDiff {
  /** Repository-relative. */
  path: string;
  /** The pipeline's name, from its file name. */
  name: string;
  change: 'added' | 'removed' | 'changed';
  diff: PipelineDiff;
}

/** The repository around the workspace, if any, and its status. */
export interface GitOverview {
  repository: {
    root: string;
    /** Where the workspace sits in the repository: "" at its root, else "path/to/workspace/". */
    workspacePrefix: string;
  } | null;
  status: GitStatus | null;
}

export interface CommitFileChange {
  path: string;
  change: 'added' | 'removed' | 'changed';
}
