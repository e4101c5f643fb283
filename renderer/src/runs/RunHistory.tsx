// Past runs of the open pipeline; opening one shows its statuses, logs and tests on the canvas,
// and the run shown has its test report.
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { useEditor, useRuns, useStudio } from '../app/studio-context.js';
import { StatusIcon } from './status-look.js';
import { TestReportButton } from './TestReport.js';

export function RunHistory() {
  const { controller, runs } = useStudio();
  const history = useRuns((state) => state.history);
  const shown = useRuns((state) => state.run?.id ?? null);
  const live = useRuns((state) => state.live);
  const name = useEditor((state) => state.doc?.name);
  if (!name) return null;
  return (
    <div className="run-history" data-testid="run-history">
      {shown ? (
        <div className="history-actions">
          {!live ? <button type="button" className="button small" data-testid="history-close" onClick={() => runs.getState().clear()}>Back to editing</button> : null}
          <TestReportButton testId="history-test-report" />
        </div>
      ) : null}
      {history.length === 0 ? <p className="muted">No runs of {name} yet.</p> : null}
      <ul>
        {history.map((run) => (
          <li key={run.id}>
            <button type="button" className={`history-item${run.id === shown ? ' active' : ''}`} data-testid={`history-run-${run.id}`}
              onClick={() => void controller.openRun(run.id)}>
              <StatusIcon status={run.status} />
              <span className="history-when">{new Date(run.createdAt).toLocaleString()}</span>
              <span className="muted">{run.environment ?? 'no env'} · {run.durationMs === null ? 'running' : formatDuration(run.durationMs)}</span>
              <span className="muted mono history-id">{run.id}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
