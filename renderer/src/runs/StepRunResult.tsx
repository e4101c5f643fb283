import { FileText } from 'lucide-react';
import { useStudio } from '../studio/studio-context.js';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { Elapsed } from './elapsed.js';
import { StatusBadge } from './status-look.js';
import { TestReportButton } from './TestReport.js';
import { describeTally, tallyTests } from './test-outcomes.js';

/** What the run shown did with a step: status, time, attempts, exit code, why it failed, tests, its log. */
export function StepRunResult({ step }: { step: StepRunSummary }) {
  const { controller } = useStudio();
  const tally = tallyTests(step.tests);
  const failure = step.status === 'failed' ? step.failure : null;
  return (
    <div className={`run-result status-${step.status}`} data-testid="step-run-result">
      <StatusBadge status={step.status} />
      <span className="run-result-detail">
        {step.status === 'running' && step.startedAt ? <Elapsed since={step.startedAt} /> : null}
        {step.durationMs !== null && step.status !== 'running' ? formatDuration(step.durationMs) : null}
        {step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}
        {step.exitCode !== null && step.exitCode !== 0 ? ` · exit ${step.exitCode}` : ''}
      </span>
      {step.tests.length > 0 ? (
        <span className="run-result-tests" title={describeTally(tally)}>
          {tally.passed}/{tally.total} tests passed
        </span>
      ) : null}
      {failure ? (
        <span className="run-result-failure" data-testid="step-failure">
          <span className="run-result-cause" data-testid="step-failure-cause">
            {failure.cause}
          </span>
          {failure.lastErrorLine ? (
            <span
              className="run-result-last-line"
              data-testid="step-failure-last-line"
              title="The last error line of its log"
            >
              {failure.lastErrorLine}
            </span>
          ) : null}
        </span>
      ) : step.message ? (
        <span className="run-result-message">{step.message}</span>
      ) : null}
      {step.tests.length > 0 ? (
        <TestReportButton testId="step-test-report" stepId={step.id} results={step.tests} />
      ) : null}
      {step.attempts > 0 || step.status === 'running' ? (
        <button
          type="button"
          className="button small"
          data-testid="open-log"
          title="Open the log (Shift+L)"
          onClick={() => controller.openStepLog(step.id)}
        >
          <FileText size={13} /> Open log
        </button>
      ) : null}
    </div>
  );
}
