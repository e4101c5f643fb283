// What diff mode and a merge in progress mark on the canvas: each step added, changed or
// removed since the compared version, or holding merge conflicts; comparing two runs marks the
// steps whose outcome differs.
import type { PipelineDiff } from '../../../shared/git/pipeline-diff.js';
import type { FileConflict } from '../../../shared/git/repository-types.js';

export type StepMark = 'added' | 'changed' | 'removed' | 'conflict' | 'differs';

export function stepMarks(diff: PipelineDiff | null, conflicts: FileConflict | null): Map<string, StepMark> {
  const marks = new Map<string, StepMark>();
  for (const step of diff?.steps ?? []) marks.set(step.id, step.change);
  if (conflicts && !conflicts.resolved) {
    for (const conflict of conflicts.conflicts) if (conflict.step !== null) marks.set(conflict.step, 'conflict');
  }
  return marks;
}
