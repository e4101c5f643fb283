// Whether a file on disk is still what a run wrote. The engine records a content fingerprint
// of every output of a step that succeeded (step_outputs); a cached step recorded none of its
// own, its outputs are those of the run it reused. Comparing that with the file's fingerprint
// now says honestly whether a preview shows the run's data.
import type { RunFileCheck, RunFileState } from '../../../shared/preview/preview-types.js';
import { FileFingerprints } from '../files/file-fingerprints.js';
import { findRun } from '../engine/run-plan.js';
import type { RunStore } from '../store/run-store.js';
import { PreviewError } from './preview-files.js';

/** Cached from a cached step: never more than a few hops, but a loop must not spin. */
const MAX_CACHE_HOPS = 8;

export async function checkAgainstRun(
  root: string,
  store: RunStore,
  runRef: string,
  stepId: string,
  path: string,
): Promise<RunFileCheck> {
  const run = findRun(store, runRef);
  let step = run.steps.find((candidate) => candidate.id === stepId);
  if (step === undefined) throw new PreviewError(`run ${run.id} has no step "${stepId}"`);
  let producer = run.id;
  for (let hop = 0; step?.cachedFrom && hop < MAX_CACHE_HOPS; hop += 1) {
    producer = step.cachedFrom;
    step = store.getRun(producer)?.steps.find((candidate) => candidate.id === stepId);
  }
  const recorded = store.recordedOutputs(producer, stepId).find((output) => output.path === path);
  const current = await new FileFingerprints(root, store).hash(path);
  return { runId: run.id, stepId, state: fileState(recorded?.hash ?? null, current) };
}

export function fileState(recorded: string | null, current: string | null): RunFileState {
  if (current === null) return 'gone';
  if (recorded === null) return 'unrecorded';
  return recorded === current ? 'current' : 'changed';
}
