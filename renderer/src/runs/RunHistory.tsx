// Past runs of the open pipeline; opening one shows its statuses, logs and tests on the canvas,
// and the run shown has its test report. Ticking two compares them.
import { GitCompareArrows } from 'lucide-react';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { triggerText } from '../../../shared/journeys/compare-runs.js';
import { useCompare, useEditor, useRuns, useStudio } from '../studio/studio-context.js';
import { RunProvenance } from './RunProvenance.js';
import { StatusIcon } from './status-look.js';
import { TestReportButton } from './TestReport.js';

export function RunHistory() {
  const { controller, runs, compare, compareController } = useStudio();
  const history = useRuns((state) => state.history);
  const picked = useCompare((state) => state.picked);
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
      <RunProvenance />
      {history.length === 0 ? <p className="muted">No runs of {name} yet.</p> : null}
      {history.length > 1 ? (
        <div className="history-compare" data-testid="history-compare-bar">
          <span className="muted small">{picked.length === 2 ? 'Two runs ticked:' : `Tick two runs to compare them (${picked.length} of 2).`}</span>
          <button type="button" className="button small" data-testid="history-compare" disabled={picked.length !== 2} onClick={() => void compareController.compare()}>
            <GitCompareArrows size={13} /> Compare
          </button>
        </div>
      ) : null}
      <ul>
        {history.map((run) => (
          <li key={run.id} className="history-row">
            <input type="checkbox" className="history-pick" data-testid={`history-pick-${run.id}`} title="Tick two runs to compare them"
              checked={picked.includes(run.id)} onChange={() => compare.getState().toggle(run.id)} />
            <button type="button" className={`history-item${run.id === shown ? ' active' : ''}`} data-testid={`history-run-${run.id}`}
              onClick={() => void controller.openRun(run.id)}>
              <StatusIcon status={run.status} />
              <span className="history-when">{new Date(run.createdAt).toLocaleString()}</span>
              <span className="muted">{run.environment ?? 'no env'} · {run.durationMs === null ? 'running' : formatDuration(run.durationMs)}{run.ref ? ` · ${run.ref}` : run.gitBranch ? ` · ${run.gitBranch}` : ''}</span>
              {run.trigger.kind === 'manual' ? null : <span className="muted history-trigger">{triggerText(run.trigger)}</span>}
              <span className="muted mono history-id">{run.id}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
