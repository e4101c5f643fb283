// What the run shown measured for one test, under its form: the verdict, observed against
// expected, and why it did not pass, with the test's log when it has one.
import type { TestResult } from '../../../../shared/run/run-types.js';
import { useStudio } from '../../studio/studio-context.js';
import { StatusIcon } from '../../runs/status-look.js';
import { VERDICT_STATUS, formatObserved, hasMeasure, outcomeLabel, testVerdict } from '../../runs/test-outcomes.js';

export function LastTestResult({ stepId, result }: { stepId: string; result: TestResult }) {
  const { runs, controller } = useStudio();
  const verdict = testVerdict(result);
  const openLog = () => {
    runs.getState().openLog(`${stepId}#test-${result.index + 1}`);
    void controller.loadLog(stepId, result.index + 1);
  };
  return (
    <div
      className={`test-result verdict-${verdict}`}
      data-testid={`test-result-${result.index}`}
      data-outcome={result.outcome}
    >
      <span className="test-result-head">
        <StatusIcon status={VERDICT_STATUS[verdict]} size={13} />
        <strong>{outcomeLabel(result)}</strong>
        {hasMeasure(result) ? (
          <span className="test-result-numbers">
            observed{' '}
            <span className="mono" data-testid={`test-observed-${result.index}`}>
              {formatObserved(result)}
            </span>
            {result.expected != null ? (
              <>
                {' '}
                · expected <span className="mono">{result.expected}</span>
              </>
            ) : null}
          </span>
        ) : null}
      </span>
      {result.outcome !== 'passed' && result.message ? (
        <span className="test-result-message">{result.message}</span>
      ) : null}
      {result.logPath && result.outcome !== 'passed' ? (
        <button type="button" className="link" onClick={openLog}>
          Open test log
        </button>
      ) : null}
    </div>
  );
}
