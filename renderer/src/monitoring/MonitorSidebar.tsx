// The Monitor tab's sidebar: the workspace's pipelines with their open alerts, so the one that
// needs a look is one click away; the dashboard follows the pipeline opened.
import { NO_ITEMS } from '../studio/empty.js';
import { useEditor, useMonitoring, useStudio, useWorkspace } from '../studio/studio-context.js';
import { openAlertsByPipeline } from '../stores/alert-list.js';

export function MonitorSidebar() {
  const { controller } = useStudio();
  const pipelines = useWorkspace((state) => state.info?.pipelines ?? NO_ITEMS);
  const open = useEditor((state) => state.doc?.name ?? null);
  const alerts = useMonitoring((state) => state.alerts);
  const counts = openAlertsByPipeline(alerts);
  return (
    <div className="monitor-sidebar" data-testid="monitor-sidebar">
      <div className="section-title">Pipelines</div>
      <ul>
        {pipelines.map((entry) => (
          <li key={entry.name} className={entry.name === open ? 'active' : ''}>
            <button
              type="button"
              className="pipeline-open monitor-pipeline-item"
              data-testid={`monitor-pipeline-${entry.name}`}
              onClick={() => void controller.openPipeline(entry.name)}
            >
              <span className="mono">{entry.name}</span>
              {counts[entry.name] ? (
                <span className="bell-count inline" title="open alerts">
                  {counts[entry.name]}
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
      <p className="muted small">
        Every run records each step&apos;s duration, output rows, data test results and metrics; a point outside its
        control limits or a failed data test raises an alert.
      </p>
    </div>
  );
}
