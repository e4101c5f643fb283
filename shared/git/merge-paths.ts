// Paths into a pipeline document that the merge treats specially, and where a conflict sits
// in the terms the merge view shows: the step and the field concerned.
import type { ConflictKind, MergeConflict } from './merge-types.js';

const SET_LISTS = ['inputs', 'outputs', 'needs', 'metrics'];

/** The keyed sections of the document, merged entry by entry. */
export function isSectionPath(path: readonly string[]): boolean {
  return path.length === 1 && (path[0] === 'steps' || path[0] === 'params');
}

/** A step's inputs, outputs, needs or metrics: what is listed counts, not where. */
export function isSetListPath(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === 'steps' && SET_LISTS.includes(path[2] ?? '');
}

/** A step's tests, which merge test by test when they are all named. */
export function isTestsPath(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === 'steps' && path[2] === 'tests';
}

export function conflictKind(base: unknown, ours: unknown, theirs: unknown): ConflictKind {
  if (base === undefined) return 'both-added';
  return ours === undefined || theirs === undefined ? 'deleted-and-changed' : 'both-changed';
}

export function conflictAt(
  path: readonly string[],
  kind: ConflictKind,
  base: unknown,
  ours: unknown,
  theirs: unknown,
): MergeConflict {
  const inStep = path[0] === 'steps' && path.length >= 2;
  const inParam = path[0] === 'params' && path.length >= 2;
  const field = inStep ? path[2] : inParam ? path[1] : path[0];
  return {
    id: path.join('/'),
    path: [...path],
    step: inStep ? (path[1] ?? null) : null,
    field: field ?? null,
    kind,
    base,
    ours,
    theirs,
  };
}
