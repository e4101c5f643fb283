// What a step's node says about the run shown beyond its status: why it failed, in one line
// (in a few words on the simple box), and the one click that opens its log.
import { FileText } from 'lucide-react';
import { failureText, shortCause } from '../../../shared/run/failure-summary.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { useStudio } from '../studio/studio-context.js';

export function NodeFailure({ stepId, run }: { stepId: string; run: StepRunSummary | null }) {
  if (run?.status !== 'failed' || !run.failure) return null;
  const text = failureText(run.failure);
  return (
    <div className="step-node-failure" data-testid={`node-failure-${stepId}`} title={text}>
      {run.failure.cause}
    </div>
  );
}

/**
 * Why the step failed in a few words, large enough to read where the step is drawn as its
 * simple box ("`node` not found", "exit code 3"); the whole cause is its tooltip.
 */
export function SimpleNodeFailure({ stepId, run }: { stepId: string; run: StepRunSummary | null }) {
  if (run?.status !== 'failed' || !run.failure) return null;
  return (
    <span className="step-node-simple-cause" data-testid={`node-cause-${stepId}`} title={failureText(run.failure)}>
      {shortCause(run.failure)}
    </span>
  );
}

/** A step that ran (or is running) has a log to open; a skipped or waiting one has none. */
export function hasLog(run: StepRunSummary | null): run is StepRunSummary {
  return run !== null && (run.attempts > 0 || run.status === 'running');
}

export function NodeLogButton({ stepId, run }: { stepId: string; run: StepRunSummary | null }) {
  const { controller } = useStudio();
  if (!hasLog(run)) return null;
  return (
    <button
      type="button"
      className="node-log nodrag"
      data-testid={`node-log-${stepId}`}
      title="Open the log (Shift+L)"
      aria-label={`Open the log of ${stepId}`}
      onClick={(event) => {
        event.stopPropagation();
        controller.openStepLog(stepId);
      }}
    >
      <FileText size={12} />
    </button>
  );
}
