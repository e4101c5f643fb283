// The toolbar: which pipeline, whether it is saved, the edit commands, the run — its
// progress while it goes and the way to cancel it — and the bell of open alerts. A button is
// enabled only when its action would do something in the state shown.
import { Command, FileOutput, LayoutGrid, Maximize, Moon, Play, Redo2, Save, Square, Sun, Undo2 } from 'lucide-react';
import { useShallow } from 'zustand/react/shallow';
import { hasErrors } from '../../../shared/pipeline/problem.js';
import { CompareControl } from '../git/CompareControl.js';
import { NotificationCentre } from '../monitoring/NotificationCentre.js';
import { Elapsed } from '../runs/elapsed.js';
import { progressText, runProgress } from '../../../shared/run/run-progress.js';
import { StatusBadge } from '../runs/status-look.js';
import { formatDuration } from '../../../shared/pipeline/duration.js';
import { useEditor, useRuns, useStudio, useWorkspace } from '../studio/studio-context.js';

function RunProgress() {
  const { run, live } = useRuns(useShallow((state) => ({ run: state.run, live: state.live })));
  if (!run) return null;
  const progress = runProgress(run.steps);
  const text = progressText(progress);
  const share = (count: number) => `${progress.total === 0 ? 0 : (count / progress.total) * 100}%`;
  // A run still going (here or in another window) ticks; a finished one shows how long it took.
  const running = live || run.status === 'running';
  return (
    <div className="run-progress" data-testid="run-progress" data-run-status={run.status}>
      <StatusBadge status={run.status} />
      <div className="progress-bar" title={text}>
        <div className="progress-fill" style={{ width: share(progress.done) }} />
        <div
          className="progress-fill bad"
          style={{ width: share(progress.failed + progress.skipped + progress.cancelled) }}
        />
      </div>
      <span className="muted" data-testid="run-progress-text">
        {text} ·{' '}
        {running ? <Elapsed since={run.createdAt} /> : run.durationMs === null ? '' : formatDuration(run.durationMs)}
        {live ? '' : ` · ${new Date(run.createdAt).toLocaleTimeString()}`}
      </span>
    </div>
  );
}

export function TopBar({ onRun, onExport, onOpenMonitor }: { onRun(): void; onExport(): void; onOpenMonitor(): void }) {
  const { controller, workspace } = useStudio();
  const { doc, dirty, canUndo, canRedo, problems, readOnly, noSteps } = useEditor(
    useShallow((state) => ({
      doc: state.doc,
      dirty: state.dirty,
      canUndo: state.past.length > 0,
      canRedo: state.future.length > 0,
      problems: state.problems,
      readOnly: state.readOnly !== null,
      noSteps: Object.keys(state.draft?.steps ?? {}).length === 0,
    })),
  );
  const live = useRuns((state) => state.live);
  const theme = useWorkspace((state) => state.theme);
  const workspaceName = useWorkspace((state) => state.info?.name ?? '');
  const blocked = hasErrors(problems);

  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo">◆</span> Pipewright
      </div>
      <div className="crumbs">
        <span className="muted">{workspaceName}</span>
        {doc ? (
          <>
            <span className="muted">/</span>
            <span className="mono" data-testid="pipeline-title">
              {doc.name}
            </span>
          </>
        ) : null}
        {dirty ? <span className="dirty-dot" data-testid="dirty-marker" title="unsaved changes" /> : null}
      </div>
      <div className="toolbar">
        <button
          type="button"
          className="icon-button"
          title="Undo (Ctrl+Z)"
          data-testid="undo-button"
          disabled={!canUndo}
          onClick={() => controller.command('undo')}
        >
          <Undo2 size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Redo (Ctrl+Shift+Z)"
          data-testid="redo-button"
          disabled={!canRedo}
          onClick={() => controller.command('redo')}
        >
          <Redo2 size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          title={noSteps ? 'Auto layout (L): no steps to lay out yet' : 'Auto layout (L)'}
          data-testid="layout-button"
          disabled={!doc || readOnly || noSteps}
          onClick={() => controller.command('auto-layout')}
        >
          <LayoutGrid size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          title={noSteps ? 'Fit view (F): no steps to fit yet' : 'Fit view (F)'}
          data-testid="fit-button"
          disabled={!doc || noSteps}
          onClick={() => controller.command('fit-view')}
        >
          <Maximize size={16} />
        </button>
        <button
          type="button"
          className="button"
          title="Save (Ctrl+S)"
          data-testid="save-button"
          disabled={!dirty}
          onClick={() => void controller.save()}
        >
          <Save size={15} /> Save
        </button>
        <button
          type="button"
          className="button"
          title="Export to Argo Workflows or CI"
          data-testid="export-button"
          disabled={!doc}
          onClick={onExport}
        >
          <FileOutput size={15} /> Export…
        </button>
        <CompareControl />
        <RunProgress />
        {live ? (
          <button
            type="button"
            className="button danger"
            data-testid="cancel-button"
            onClick={() => void controller.cancelRun()}
          >
            <Square size={14} /> Cancel
          </button>
        ) : (
          <button
            type="button"
            className="button primary"
            data-testid="run-button"
            disabled={!doc || blocked || readOnly}
            title={blocked ? 'Fix the errors in the problems panel first' : 'Run (Ctrl+Enter)'}
            onClick={onRun}
          >
            <Play size={14} /> Run
          </button>
        )}
        <NotificationCentre onOpenDashboard={onOpenMonitor} />
        <button
          type="button"
          className="icon-button"
          title="All commands (Ctrl+Shift+P)"
          aria-label="All commands"
          data-testid="palette-button"
          onClick={() => controller.command('command-palette')}
        >
          <Command size={16} />
        </button>
        <button
          type="button"
          className="icon-button"
          title="Light or dark theme"
          data-testid="theme-toggle"
          onClick={() => workspace.getState().toggleTheme()}
        >
          {theme === 'dark' ? <Sun size={16} /> : <Moon size={16} />}
        </button>
      </div>
    </header>
  );
}
