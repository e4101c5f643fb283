// Past runs of the open pipeline; opening one shows its statuses, logs and tests on the canvas,
// and the run shown has its test report. Ticking two compares them. The list is windowed and
// loads older pages as it scrolls, so a workspace with 100,000 runs opens and scrolls at once.
import { GitCompareArrows } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { triggerText } from '../../../shared/journeys/compare-runs.js';
import { NO_ITEMS } from '../studio/empty.js';
import { useCompare, useEditor, useRuns, useStudio } from '../studio/studio-context.js';
import { RunProvenance } from './RunProvenance.js';
import { StatusIcon } from './status-look.js';
import { TestReportButton } from './TestReport.js';
import { WindowedRows } from './WindowedRows.js';

/** Every row is this tall (CSS keeps each line to one), so the list can be windowed. */
const HISTORY_ROW_HEIGHT = 62;

export function RunHistory() {
  const { controller, runs, compare, compareController } = useStudio();
  const history = useRuns((state) => state.history);
  const picked = useCompare((state) => state.picked);
  const shownRun = useRuns((state) => state.run);
  const shown = shownRun?.id ?? null;
  const shownTests = useMemo(() => shownRun?.steps.flatMap((step) => step.tests) ?? NO_ITEMS, [shownRun]);
  const live = useRuns((state) => state.live);
  const historyComplete = useRuns((state) => state.historyComplete);
  const name = useEditor((state) => state.doc?.name);
  const loadOlder = useCallback(() => void controller.loadOlderRuns(), [controller]);
  if (!name) return null;
  return (
    <div className="run-history" data-testid="run-history">
      {shown ? (
        <div className="history-actions">
          {!live ? (
            <button
              type="button"
              className="button small"
              data-testid="history-close"
              onClick={() => runs.getState().clear()}
            >
              Back to editing
            </button>
          ) : null}
          <TestReportButton testId="history-test-report" results={shownTests} />
        </div>
      ) : null}
      <RunProvenance />
      {history.length === 0 ? <p className="muted">No runs of {name} yet.</p> : null}
      {history.length > 1 ? (
        <div className="history-compare" data-testid="history-compare-bar">
          <span className="muted small">
            {picked.length === 2 ? 'Two runs ticked:' : `Tick two runs to compare them (${picked.length} of 2).`}
          </span>
          <button
            type="button"
            className="button small"
            data-testid="history-compare"
            disabled={picked.length !== 2}
            onClick={() => void compareController.compare()}
          >
            <GitCompareArrows size={13} /> Compare
          </button>
        </div>
      ) : null}
      <WindowedRows
        count={history.length}
        rowHeight={HISTORY_ROW_HEIGHT}
        testId="history-list"
        onNearEnd={historyComplete ? undefined : loadOlder}
        row={(index) => {
          const run = history[index];
          if (!run) return null;
          const where = run.ref ? ` · ${run.ref}` : run.gitBranch ? ` · ${run.gitBranch}` : '';
          const trigger = run.trigger.kind === 'manual' ? '' : ` · ${triggerText(run.trigger)}`;
          return (
            <div className="history-row">
              <input
                type="checkbox"
                className="history-pick"
                data-testid={`history-pick-${run.id}`}
                title="Tick two runs to compare them"
                checked={picked.includes(run.id)}
                onChange={() => compare.getState().toggle(run.id)}
              />
              <button
                type="button"
                className={`history-item${run.id === shown ? ' active' : ''}`}
                data-testid={`history-run-${run.id}`}
                onClick={() => void controller.openRun(run.id)}
              >
                <StatusIcon status={run.status} />
                <span className="history-when">{new Date(run.createdAt).toLocaleString()}</span>
                <span className="muted history-detail">
                  {run.environment ?? 'no env'} · {run.durationMs === null ? 'running' : formatDuration(run.durationMs)}
                  {where}
                  {trigger}
                </span>
                <span className="muted mono history-id">{run.id}</span>
              </button>
            </div>
          );
        }}
      />
    </div>
  );
}
