// `pipewright restore RUN [--step S]`: a past run's outputs put back in the working tree from
// the output store, every step's or one step's, each file exactly as that run left it.
import type { RunSummary } from '../../../shared/run/run-types.js';
import { FileFingerprints } from '../files/file-fingerprints.js';
import type { RunStore } from '../store/run-store.js';
import type { Workspace } from '../workspace/workspace.js';
import { noteRestored, restoreFiles } from './output-restore.js';
import { outputStoreOf } from './output-store.js';
import { ReplacedFiles } from './replaced-files.js';

export class RestoreError extends Error {}

export interface RestoredStep {
  step: string;
  /** The declared outputs put back. */
  paths: string[];
}

export async function restoreRunOutputs(
  workspace: Workspace,
  runs: RunStore,
  run: RunSummary,
  stepId?: string,
): Promise<RestoredStep[]> {
  const store = outputStoreOf(workspace.stateDir, runs);
  if (stepId !== undefined && !run.steps.some((step) => step.id === stepId)) {
    throw new RestoreError(
      `run ${run.id} has no step "${stepId}"; its steps: ${run.steps.map((step) => step.id).join(', ')}`,
    );
  }
  const steps = stepId !== undefined ? [stepId] : store.index.stepsWithOutputs(run.id);
  const plans = steps.map((step) => ({ step, records: store.index.restorableFiles(run.id, step, 'output') }));
  for (const { step, records } of plans) {
    if (records.length === 0)
      throw new RestoreError(
        `run ${run.id}: step "${step}" has no stored outputs (it did not succeed, or ran before outputs were stored)`,
      );
    if (!store.holds(records))
      throw new RestoreError(
        `run ${run.id}: outputs of step "${step}" are no longer in the store (evicted by cache prune)`,
      );
  }
  if (plans.length === 0) throw new RestoreError(`run ${run.id} has no stored outputs`);
  const fingerprints = new FileFingerprints(workspace.root, runs);
  const restored: RestoredStep[] = [];
  const replaced = new ReplacedFiles(store.objectsDir);
  try {
    for (const { step, records } of plans) {
      const { declared, files } = await restoreFiles(store, workspace.root, records, replaced);
      runs.transaction(() => noteRestored(store, files, (file) => fingerprints.remember(file)));
      restored.push({ step, paths: declared });
    }
  } finally {
    await replaced.removed();
  }
  return restored;
}
