// "Re-run with these inputs" on a step of a past run: the step runs again on exactly the files
// it read then (kept in the output store), in a scratch folder, so a failure can be debugged
// after its inputs were overwritten. The replay's run then shows where its files are.
import { RotateCcw } from 'lucide-react';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { useRuns, useStudio } from '../studio/studio-context.js';

/** Steps that read their inputs in the run: the ones a replay can start from. */
const STARTED = new Set(['succeeded', 'failed', 'warned', 'cached', 'interrupted']);

export function StepReplay({ step }: { step: StepRunSummary }) {
  const { controller } = useStudio();
  const run = useRuns((state) => state.run);
  const live = useRuns((state) => state.live);
  const replay = useRuns((state) => state.replay);
  if (!run) return null;
  const isReplay = replay !== null && replay.runId === run.id && replay.step === step.id;
  return (
    <div className="step-replay" data-testid="step-replay">
      {isReplay ? (
        <p className="muted small" data-testid="step-replay-note">
          Replay on the inputs of run <span className="mono">{replay.inputsFrom}</span>; its files are in{' '}
          <span className="mono">{replay.folder}</span>
        </p>
      ) : null}
      {!live && STARTED.has(step.status) ? (
        <button
          type="button"
          className="button small"
          data-testid="step-replay-button"
          title="Run this step again on the exact input files it had in this run, in a scratch folder; the workspace's outputs stay as they are"
          onClick={() => void controller.replayStep(run.id, step.id)}
        >
          <RotateCcw size={13} /> Re-run with these inputs
        </button>
      ) : null}
    </div>
  );
}
