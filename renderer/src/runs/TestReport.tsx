// The test report of the run shown: every test of every step with its stage, kind, severity and
// outcome, what it observed against what passes, and why it did not pass. It follows a live run
// as its results arrive.
import { ClipboardCheck, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import { useEscape } from '../studio/use-escape.js';
import { createPortal } from 'react-dom';
import { useRuns, useStudio } from '../studio/studio-context.js';
import { StatusIcon } from './status-look.js';
import {
  VERDICT_STATUS,
  describeTally,
  formatObserved,
  outcomeLabel,
  tallyTests,
  testBadgeState,
  testReportRows,
  testVerdict,
} from './test-outcomes.js';
import type { TestReportRow } from './test-outcomes.js';
import type { TestResult } from '../../../shared/run/run-types.js';

/**
 * A button that opens the report; `stepId` marks that step's rows. It takes the colour of the
 * verdict of `results` (red only when a test failed), never the colour of what it sits in: a
 * failed step whose tests passed, or never ran, has nothing red to report.
 */
export function TestReportButton({
  testId,
  stepId,
  results,
}: {
  testId: string;
  stepId?: string;
  results: readonly TestResult[];
}) {
  const [open, setOpen] = useState(false);
  const verdict = testBadgeState(tallyTests(results)) ?? 'none';
  return (
    <>
      <button
        type="button"
        className={`button small test-report-button verdict-${verdict}`}
        data-testid={testId}
        data-verdict={verdict}
        onClick={() => setOpen(true)}
      >
        <ClipboardCheck size={13} /> Test report
      </button>
      {/* In document.body: a dialog inside the step's status strip would take on its colour. */}
      {open ? createPortal(<TestReport stepId={stepId} onClose={() => setOpen(false)} />, document.body) : null}
    </>
  );
}

export function TestReport({ stepId, onClose }: { stepId?: string | undefined; onClose(): void }) {
  const run = useRuns((state) => state.run);
  const [problemsOnly, setProblemsOnly] = useState(false);
  const rows = useMemo(() => testReportRows(run?.steps ?? []), [run]);
  const tally = useMemo(() => tallyTests(rows.map((row) => row.result)), [rows]);
  const shown = problemsOnly ? rows.filter((row) => row.result.outcome !== 'passed') : rows;

  useEscape(onClose);

  return (
    <div className="dialog-backdrop" onMouseDown={onClose}>
      <div
        className="dialog test-report"
        role="dialog"
        aria-label="Test report"
        data-testid="test-report"
        onMouseDown={(event) => event.stopPropagation()}
      >
        <div className="dialog-title">
          <span>
            Test report{' '}
            {run ? (
              <span className="muted mono">
                {run.pipeline} · {run.id}
              </span>
            ) : null}
          </span>
          <button type="button" className="icon-button" onClick={onClose} title="Close" data-testid="test-report-close">
            <X size={16} />
          </button>
        </div>
        <div className="test-report-summary">
          <span data-testid="test-report-summary">{describeTally(tally)}</span>
          <label className="check">
            <input type="checkbox" checked={problemsOnly} onChange={(event) => setProblemsOnly(event.target.checked)} />
            Only tests that did not pass
          </label>
        </div>
        {rows.length === 0 ? (
          <p className="muted">No test results in this run.</p>
        ) : (
          <div className="test-report-scroll">
            <table className="test-report-table">
              <thead>
                <tr>
                  <th>Step</th>
                  <th>Test</th>
                  <th>Stage</th>
                  <th>Kind</th>
                  <th>Severity</th>
                  <th>Outcome</th>
                  <th className="number">Observed</th>
                  <th>Expected</th>
                  <th>Message</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((row) => (
                  <ReportRow
                    key={`${row.stepId}#${row.result.index}`}
                    row={row}
                    focused={row.stepId === stepId}
                    onLog={onClose}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </div>
  );
}

function ReportRow({ row, focused, onLog }: { row: TestReportRow; focused: boolean; onLog(): void }) {
  const { runs, controller, editor } = useStudio();
  const { stepId, result } = row;
  const verdict = testVerdict(result);
  const openLog = () => {
    runs.getState().openLog(`${stepId}#test-${result.index + 1}`);
    void controller.loadLog(stepId, result.index + 1);
    onLog();
  };
  // Coming from a test that did not pass: the inspector opens on that test of its step.
  const showTest = () => {
    editor.getState().select([stepId]);
    editor.getState().setFocus({ stepId, path: ['tests', result.index], reason: 'test' });
    onLog();
  };
  return (
    <tr
      className={`verdict-${verdict}${focused ? ' focused' : ''}`}
      data-testid="test-report-row"
      data-step={stepId}
      data-test={result.name}
      data-outcome={result.outcome}
      data-verdict={verdict}
      data-observed={result.observed ?? ''}
    >
      <td className="mono">{stepId}</td>
      <td>
        {result.outcome === 'passed' || !editor.getState().draft?.steps[stepId] ? (
          result.name
        ) : (
          <button
            type="button"
            className="link"
            data-testid="test-report-show"
            title="Show this test in the step's inspector"
            onClick={showTest}
          >
            {result.name}
          </button>
        )}
      </td>
      <td>{result.stage ?? '—'}</td>
      <td className="mono">{result.kind}</td>
      <td>{result.severity}</td>
      <td className="test-report-outcome">
        <StatusIcon status={VERDICT_STATUS[verdict]} size={12} /> {outcomeLabel(result)}
      </td>
      <td className="mono number" data-testid="test-report-observed">
        {formatObserved(result)}
      </td>
      <td>{result.expected ?? '—'}</td>
      <td className="test-report-message">
        {result.message ?? ''}
        {result.logPath && result.outcome !== 'passed' ? (
          <>
            {' '}
            <button type="button" className="link" onClick={openLog}>
              log
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
