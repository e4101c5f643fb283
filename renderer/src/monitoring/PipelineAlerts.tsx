// The dashboard's open alerts: those of this pipeline in this environment, to acknowledge or to
// follow to their chart.
import { CheckCheck } from 'lucide-react';
import { useMemo } from 'react';
import type { Alert } from '../../../shared/monitoring/monitoring-types.js';
import { useStudio } from '../studio/studio-context.js';
import { alertSeries, newestFirst } from '../stores/alert-list.js';
import { AlertRow } from './AlertRow.js';

export function PipelineAlerts({ alerts }: { alerts: Alert[] }) {
  const { monitoringController } = useStudio();
  const list = useMemo(() => newestFirst(alerts), [alerts]);
  const now = Date.now();
  const open = (alert: Alert) => {
    const series = alertSeries(alert);
    if (series) void monitoringController.select(series);
  };
  return (
    <section className="monitor-card monitor-alerts" data-testid="pipeline-alerts">
      <div className="monitor-card-head">
        <h3>Open alerts</h3>
        <span className="count">{list.length}</span>
        <span className="spacer" />
        {list.length > 0 ? (
          <button
            type="button"
            className="button small"
            data-testid="pipeline-alerts-acknowledge-all"
            onClick={() => void monitoringController.acknowledge(list.map((alert) => alert.id))}
          >
            <CheckCheck size={13} /> Acknowledge all
          </button>
        ) : null}
      </div>
      {list.length === 0 ? (
        <p className="muted">Nothing open here: every point is in control and every data test passed.</p>
      ) : (
        <ul className="alert-list">
          {list.map((alert) => (
            <AlertRow
              key={alert.id}
              alert={alert}
              now={now}
              showPipeline={false}
              onOpen={open}
              onAcknowledge={(item) => void monitoringController.acknowledge([item.id])}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
