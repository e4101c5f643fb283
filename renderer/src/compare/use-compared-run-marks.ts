// The canvas while two runs are compared: the steps whose outcome differs are marked, beside
// (never over) what diff mode or a merge marks, and each such node says what changed.
import { useMemo } from 'react';
import { useCompare } from '../studio/studio-context.js';
import type { StepMark } from '../git/step-marks.js';
import { differingSteps } from './compare-marks.js';

export function useComparedRunMarks(marks: ReadonlyMap<string, StepMark>): ReadonlyMap<string, StepMark> {
  const comparison = useCompare((state) => state.comparison);
  const notes = useMemo(() => differingSteps(comparison), [comparison]);
  return useMemo(() => {
    if (notes.size === 0) return marks;
    const merged = new Map(marks);
    for (const id of notes.keys()) if (!merged.has(id)) merged.set(id, 'differs');
    return merged;
  }, [marks, notes]);
}

/** "failed → succeeded" for a step whose outcome differs between the compared runs. */
export function useCompareNote(stepId: string): string | null {
  return useCompare((state) => differingSteps(state.comparison).get(stepId) ?? null);
}
