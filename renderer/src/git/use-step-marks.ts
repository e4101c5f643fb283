// The marks of the open pipeline's steps: its diff against the compared version (recomputed
// as the draft changes) and its unresolved conflicts in a merge in progress.
import { useMemo } from 'react';
import { diffPipelines } from '../../../shared/git/pipeline-diff.js';
import { useGit, useStudio } from '../studio/studio-context.js';
import type { PipelineDraft } from '../editor/pipeline-edits.js';
import type { CompareBase } from '../stores/editor-store.js';
import { stepMarks } from './step-marks.js';
import type { StepMark } from './step-marks.js';

const NO_MARKS: ReadonlyMap<string, StepMark> = new Map();

export function useStepMarks(
  draft: PipelineDraft | null,
  compare: CompareBase | null,
  file: string | null,
): ReadonlyMap<string, StepMark> {
  const { gitController } = useStudio();
  const merge = useGit((state) => state.overview?.status?.merge ?? null);
  const conflicts = useMemo(
    () =>
      file && merge
        ? (merge.conflicts.find((candidate) => candidate.path === gitController.repositoryPath(file)) ?? null)
        : null,
    [file, merge, gitController],
  );
  const diff = useMemo(() => (compare && draft ? diffPipelines(compare.base, draft) : null), [compare, draft]);
  return useMemo(() => (diff || conflicts ? stepMarks(diff, conflicts) : NO_MARKS), [diff, conflicts]);
}
