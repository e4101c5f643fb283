import { formatDuration } from '../../../shared/pipeline/duration.js';
import type { StepRunSummary } from '../../../shared/run/run-types.js';
import { Elapsed } from './elapsed.js';
import { StatusBadge } from './status-look.js';
import { TestReportButton } from './TestReport.js';
import { describeTally, tallyTests } from './test-outcomes.js';

/** What the run shown did with a step: status, time, attempts, exit code, reason, tests. */
export function StepRunResult({ step }: { step: StepRunSummary }) {
  const tally = tallyTests(step.tests);
  return (
    <div className={`run-result status-${step.status}`} data-testid="step-run-result">
      <StatusBadge status={step.status} />
      <span className="run-result-detail">
        {step.status === 'running' && step.startedAt ? <Elapsed since={step.startedAt} /> : null}
        {step.durationMs !== null && step.status !== 'running' ? formatDuration(step.durationMs) : null}
        {step.attempts > 1 ? ` · ${step.attempts} attempts` : ''}
        {step.exitCode !== null && step.exitCode !== 0 ? ` · exit ${step.exitCode}` : ''}
      </span>
      {step.tests.length > 0 ? <span className="run-result-tests" title={describeTally(tally)}>{tally.passed}/{tally.total} tests passed</span> : null}
      {step.message ? <span className="run-result-message">{step.message}</span> : null}
      {step.tests.length > 0 ? <TestReportButton testId="step-test-report" stepId={step.id} /> : null}
    </div>
  );
}
