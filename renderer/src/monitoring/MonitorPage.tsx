// The Monitor view: the open pipeline's health in one environment — recent runs, every metric
// with its control state, the chosen metric's control chart, and the open alerts. It covers
// the canvas like the Environments view, and the inspector makes room for it.
import { RefreshCw } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useEditor, useMonitoring, useStudio, useWorkspace } from '../studio/studio-context.js';
import { ChartCard } from './ChartCard.js';
import { MetricList } from './MetricList.js';
import { PipelineAlerts } from './PipelineAlerts.js';
import { RunTrend } from './RunTrend.js';

function EnvironmentSelect({ value }: { value: string }) {
  const { monitoringController } = useStudio();
  const environments = useWorkspace(
    useShallow((state) => (state.info?.environments ?? []).map((environment) => environment.name)),
  );
  const names = environments.includes(value) || value === '' ? environments : [...environments, value];
  return (
    <label className="monitor-env">
      <span className="muted">Environment</span>
      <select
        data-testid="monitor-environment"
        value={value}
        onChange={(event) => void monitoringController.setEnvironment(event.target.value)}
      >
        {names.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
        <option value="">no environment</option>
      </select>
    </label>
  );
}

export function MonitorPage() {
  const { monitoringController } = useStudio();
  const pipeline = useEditor((state) => state.doc?.name ?? null);
  const defaultEnvironment = useWorkspace((state) => state.info?.defaultEnvironment ?? null);
  const { overview, loading, error, chosen } = useMonitoring(
    useShallow((state) => ({
      overview: state.overview,
      loading: state.loading,
      error: state.error,
      chosen: state.environment,
    })),
  );
  useEffect(() => {
    monitoringController.show();
    return () => monitoringController.hide();
  }, [monitoringController]);

  const environment = chosen ?? defaultEnvironment ?? '';
  // An overview of another pipeline or environment stays in the store until the new one comes.
  const current = overview && overview.pipeline === pipeline && overview.environment === environment ? overview : null;
  return (
    <div className="monitor-page" data-testid="monitor-page">
      <div className="monitor-head">
        <h2>Monitoring</h2>
        {pipeline ? (
          <span className="mono monitor-pipeline" data-testid="monitor-pipeline">
            {pipeline}
          </span>
        ) : null}
        <span className="spacer" />
        <EnvironmentSelect value={environment} />
        <button
          type="button"
          className="button small"
          data-testid="monitor-refresh"
          disabled={!pipeline || loading}
          onClick={() => void monitoringController.refresh()}
        >
          <RefreshCw size={13} className={loading ? 'spin' : ''} /> Refresh
        </button>
      </div>
      {error ? (
        <div className="monitor-error" role="alert" data-testid="monitor-error">
          Monitoring could not be read: {error}
        </div>
      ) : null}
      {!pipeline ? <p className="muted">Open a pipeline to see its runs, metrics and alerts.</p> : null}
      {pipeline && !current && !error ? <p className="muted">Loading…</p> : null}
      {current ? (
        <>
          <RunTrend runs={current.runs} />
          <div className="monitor-grid">
            <MetricList metrics={current.metrics} baseline={current.baseline} />
            <ChartCard />
          </div>
          <PipelineAlerts alerts={current.alerts} />
        </>
      ) : null}
    </div>
  );
}
